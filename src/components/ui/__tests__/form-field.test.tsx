import { render, screen } from "@testing-library/react";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

describe("FormField", () => {
  it("labels the control", () => {
    render(
      <FormField id="name" label="Experiment name">
        <Input />
      </FormField>,
    );
    expect(screen.getByLabelText("Experiment name")).toHaveAttribute("id", "name");
  });

  it("links the error to the control and marks it invalid", () => {
    render(
      <FormField id="name" label="Experiment name" error="Name is required">
        <Input />
      </FormField>,
    );

    const input = screen.getByLabelText("Experiment name");
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Name is required");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", alert.id);
    expect(input).toHaveAccessibleDescription("Name is required");
  });

  it("is valid and silent without an error", () => {
    render(
      <FormField id="name" label="Experiment name" description="Shown on the dashboard.">
        <Input />
      </FormField>,
    );

    const input = screen.getByLabelText("Experiment name");
    expect(input).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(input).toHaveAccessibleDescription("Shown on the dashboard.");
  });

  it("keeps the control's own aria-describedby and adds description then error", () => {
    render(
      <>
        <p id="hint">Use lowercase.</p>
        <FormField id="slug" label="Slug" description="Part of the URL." error="Already taken">
          <Input aria-describedby="hint" />
        </FormField>
      </>,
    );

    const input = screen.getByLabelText("Slug");
    expect(input).toHaveAttribute("aria-describedby", "hint slug-description slug-error");
    expect(input).toHaveAccessibleDescription("Use lowercase. Part of the URL. Already taken");
  });
});
