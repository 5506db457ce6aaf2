import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

function renderConfirm(onConfirm = vi.fn()) {
  render(
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive">Delete</Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Delete experiment?</AlertDialogTitle>
        <AlertDialogDescription>This cannot be undone.</AlertDialogDescription>
        <AlertDialogCancel>Cancel</AlertDialogCancel>
        <AlertDialogAction onClick={onConfirm}>Delete</AlertDialogAction>
      </AlertDialogContent>
    </AlertDialog>,
  );
  return screen.getByRole("button", { name: "Delete" });
}

describe("AlertDialog", () => {
  it("focuses Cancel first so Enter does not confirm by accident", async () => {
    const onConfirm = vi.fn();
    const trigger = renderConfirm(onConfirm);
    await userEvent.click(trigger);

    expect(screen.getByRole("alertdialog", { name: "Delete experiment?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();

    await userEvent.keyboard("{Enter}");

    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it("runs the action and closes", async () => {
    const onConfirm = vi.fn();
    renderConfirm(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Delete" }));

    const dialog = screen.getByRole("alertdialog");
    await userEvent.click(screen.getAllByRole("button", { name: "Delete" }).at(-1)!);

    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(dialog).not.toBeInTheDocument();
  });
});
