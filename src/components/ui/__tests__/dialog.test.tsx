import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";

function renderDialog() {
  render(
    <Dialog>
      <DialogTrigger asChild>
        <Button>New experiment</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Create experiment</DialogTitle>
        <DialogDescription>Name the experiment.</DialogDescription>
        <input aria-label="Name" />
      </DialogContent>
    </Dialog>,
  );
  return screen.getByRole("button", { name: "New experiment" });
}

describe("Dialog", () => {
  it("opens on trigger click as a labelled, described modal", async () => {
    const trigger = renderDialog();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    await userEvent.click(trigger);

    const dialog = screen.getByRole("dialog", { name: "Create experiment" });
    expect(dialog).toHaveAccessibleDescription("Name the experiment.");
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });

  it("closes on Escape and returns focus to the trigger", async () => {
    const trigger = renderDialog();
    await userEvent.click(trigger);
    expect(screen.getByRole("dialog")).toBeInTheDocument();

    await userEvent.keyboard("{Escape}");

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it("closes from the labelled close button", async () => {
    const trigger = renderDialog();
    await userEvent.click(trigger);

    await userEvent.click(screen.getByRole("button", { name: "Close" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it("opens from the keyboard", async () => {
    const trigger = renderDialog();
    trigger.focus();

    await userEvent.keyboard("{Enter}");

    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});
