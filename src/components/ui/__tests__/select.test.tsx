import "@/test/polyfills";

import { useState } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";

function ModelSelect({ onValueChange }: { onValueChange: (value: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <Select
      value={value}
      onValueChange={(next) => {
        setValue(next);
        onValueChange(next);
      }}
    >
      <SelectTrigger aria-label="Model">
        <SelectValue placeholder="Choose a model" />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="small">Small</SelectItem>
        <SelectItem value="medium">Medium</SelectItem>
        <SelectItem value="large" disabled>
          Large
        </SelectItem>
      </SelectContent>
    </Select>
  );
}

describe("Select", () => {
  it("shows the placeholder until a value is chosen", () => {
    render(<ModelSelect onValueChange={vi.fn()} />);
    expect(screen.getByRole("combobox", { name: "Model" })).toHaveTextContent("Choose a model");
  });

  it("can be opened, navigated and chosen from with the keyboard", async () => {
    const onValueChange = vi.fn();
    render(<ModelSelect onValueChange={onValueChange} />);
    const trigger = screen.getByRole("combobox", { name: "Model" });
    trigger.focus();

    await userEvent.keyboard("{ArrowDown}");
    const listbox = await screen.findByRole("listbox");
    expect(trigger).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("option", { name: "Small" })).toHaveFocus();

    await userEvent.keyboard("{ArrowDown}");
    expect(screen.getByRole("option", { name: "Medium" })).toHaveFocus();
    // The disabled option is skipped, so focus stays on the last enabled one.
    await userEvent.keyboard("{ArrowDown}");
    expect(screen.getByRole("option", { name: "Medium" })).toHaveFocus();

    await userEvent.keyboard("{Enter}");

    expect(onValueChange).toHaveBeenCalledWith("medium");
    expect(listbox).not.toBeInTheDocument();
    expect(trigger).toHaveTextContent("Medium");
    expect(trigger).toHaveFocus();
  });

  it("closes on Escape without choosing", async () => {
    const onValueChange = vi.fn();
    render(<ModelSelect onValueChange={onValueChange} />);
    const trigger = screen.getByRole("combobox", { name: "Model" });
    trigger.focus();

    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("listbox")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");

    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(onValueChange).not.toHaveBeenCalled();
    expect(trigger).toHaveFocus();
  });

  it("can be chosen from with the pointer", async () => {
    const onValueChange = vi.fn();
    render(<ModelSelect onValueChange={onValueChange} />);

    await userEvent.click(screen.getByRole("combobox", { name: "Model" }));
    await userEvent.click(await screen.findByRole("option", { name: "Small" }));

    expect(onValueChange).toHaveBeenCalledWith("small");
    expect(screen.getByRole("combobox", { name: "Model" })).toHaveTextContent("Small");
  });
});
