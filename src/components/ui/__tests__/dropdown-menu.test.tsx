import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

function renderMenu(handlers: { onDuplicate?: () => void; onArchive?: () => void } = {}) {
  render(
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline">Actions</Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem onSelect={handlers.onDuplicate}>Duplicate</DropdownMenuItem>
        <DropdownMenuItem disabled>Export</DropdownMenuItem>
        <DropdownMenuItem variant="destructive" onSelect={handlers.onArchive}>
          Archive
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>,
  );
  return screen.getByRole("button", { name: "Actions" });
}

describe("DropdownMenu", () => {
  it("opens from the keyboard and activates an item with Enter", async () => {
    const onArchive = vi.fn();
    const trigger = renderMenu({ onArchive });
    trigger.focus();

    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("menu")).toBeInTheDocument();
    expect(trigger).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("menuitem", { name: "Duplicate" })).toHaveFocus();

    // Arrow navigation skips the disabled "Export" item.
    await userEvent.keyboard("{ArrowDown}");
    const archive = screen.getByRole("menuitem", { name: "Archive" });
    expect(archive).toHaveFocus();
    expect(archive).toHaveAttribute("data-variant", "destructive");

    await userEvent.keyboard("{Enter}");

    expect(onArchive).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it("closes on Escape without activating anything", async () => {
    const onDuplicate = vi.fn();
    const trigger = renderMenu({ onDuplicate });
    trigger.focus();

    await userEvent.keyboard("{ArrowDown}");
    expect(await screen.findByRole("menu")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");

    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(onDuplicate).not.toHaveBeenCalled();
    expect(trigger).toHaveFocus();
  });

  it("opens on pointer click", async () => {
    const trigger = renderMenu();
    await userEvent.click(trigger);
    expect(await screen.findByRole("menu")).toBeInTheDocument();
  });
});
