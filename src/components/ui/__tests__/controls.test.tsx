import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";

describe("Checkbox and Switch", () => {
  it("toggle a labelled checkbox with Space and with its label", async () => {
    const onCheckedChange = vi.fn();
    render(
      <>
        <Checkbox id="terms" onCheckedChange={onCheckedChange} />
        <Label htmlFor="terms">Accept terms</Label>
      </>,
    );
    const checkbox = screen.getByRole("checkbox", { name: "Accept terms" });

    checkbox.focus();
    await userEvent.keyboard(" ");
    expect(checkbox).toBeChecked();

    await userEvent.click(screen.getByText("Accept terms"));
    expect(checkbox).not.toBeChecked();
    expect(onCheckedChange.mock.calls).toEqual([[true], [false]]);
  });

  it("toggle a switch from the keyboard", async () => {
    render(<Switch aria-label="Enable tracing" />);
    const toggle = screen.getByRole("switch", { name: "Enable tracing" });

    toggle.focus();
    await userEvent.keyboard("{Enter}");

    expect(toggle).toBeChecked();
  });
});

describe("Tabs", () => {
  it("moves between tabs with the arrow keys", async () => {
    render(
      <Tabs defaultValue="runs">
        <TabsList aria-label="Experiment views">
          <TabsTrigger value="runs">Runs</TabsTrigger>
          <TabsTrigger value="outcomes">Outcomes</TabsTrigger>
        </TabsList>
        <TabsContent value="runs">Run list</TabsContent>
        <TabsContent value="outcomes">Outcome chart</TabsContent>
      </Tabs>,
    );
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Run list");

    await userEvent.tab();
    await userEvent.keyboard("{ArrowRight}");

    expect(screen.getByRole("tab", { name: "Outcomes" })).toHaveFocus();
    expect(screen.getByRole("tab", { name: "Outcomes" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Outcome chart");
  });
});

describe("ToggleGroup", () => {
  it("keeps one item pressed and passes the group variant to its items", async () => {
    const onValueChange = vi.fn();
    render(
      <ToggleGroup type="single" variant="outline" aria-label="Range" onValueChange={onValueChange}>
        <ToggleGroupItem value="7d">7 days</ToggleGroupItem>
        <ToggleGroupItem value="30d">30 days</ToggleGroupItem>
      </ToggleGroup>,
    );
    const week = screen.getByRole("radio", { name: "7 days" });
    const month = screen.getByRole("radio", { name: "30 days" });
    expect(month).toHaveAttribute("data-variant", "outline");
    expect(month).toHaveClass("border-input");

    await userEvent.click(week);
    await userEvent.click(month);

    expect(week).not.toBeChecked();
    expect(month).toBeChecked();
    expect(onValueChange).toHaveBeenLastCalledWith("30d");
  });
});

describe("Spinner", () => {
  it("announces a polite status with a text label", () => {
    render(<Spinner label="Loading runs" />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading runs");
  });
});
