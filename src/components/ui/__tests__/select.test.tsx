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

  describe("a value too long for the trigger", () => {
    const LONG = "Warmer greeting with a longer follow-up question · v12";

    function renderChosen(title?: string) {
      render(
        <Select defaultValue="long">
          <SelectTrigger aria-label="Version" className="w-40" title={title}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="long">{LONG}</SelectItem>
          </SelectContent>
        </Select>,
      );
      const trigger = screen.getByRole("combobox", { name: "Version" });
      return { trigger, value: trigger.querySelector<HTMLElement>("[data-slot=select-value]")! };
    }

    // jsdom lays nothing out: give the value the widths a browser would.
    function widths(element: HTMLElement, scrollWidth: number, clientWidth: number) {
      Object.defineProperty(element, "scrollWidth", { configurable: true, value: scrollWidth });
      Object.defineProperty(element, "clientWidth", { configurable: true, value: clientWidth });
    }

    it("is cut with an ellipsis instead of overflowing", () => {
      const { trigger, value } = renderChosen();
      expect(value).toHaveTextContent(LONG);
      // The trigger styles its value (Radix drops a className on Select.Value): truncate is
      // overflow hidden, ellipsis, one line, and min-w-0 lets the flex item shrink. A flex or
      // line-clamp display on the value would lose the ellipsis.
      const valueClasses = trigger.className
        .split(/\s+/)
        .filter((name) => name.startsWith("*:data-[slot=select-value]:"))
        .map((name) => name.slice("*:data-[slot=select-value]:".length));
      expect(valueClasses.sort()).toEqual(["min-w-0", "truncate"]);
    });

    it("shows the whole text as the trigger's tooltip while it is cut", async () => {
      const { trigger, value } = renderChosen();
      widths(value, 320, 120);
      await userEvent.hover(trigger);
      expect(trigger).toHaveAttribute("title", LONG);

      // Once it fits (a wider window), the tooltip would only repeat it.
      await userEvent.unhover(trigger);
      widths(value, 120, 120);
      await userEvent.hover(trigger);
      expect(trigger).not.toHaveAttribute("title");
    });

    it("keeps a title the caller gave", async () => {
      const { trigger, value } = renderChosen("Pick the version to compare");
      widths(value, 320, 120);
      await userEvent.hover(trigger);
      expect(trigger).toHaveAttribute("title", "Pick the version to compare");
    });
  });
});
