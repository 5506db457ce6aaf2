import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { Button, buttonVariants } from "@/components/ui/button";

describe("Button", () => {
  it("renders a native button that fires onClick", async () => {
    const onClick = vi.fn();
    render(<Button onClick={onClick}>Save</Button>);

    const button = screen.getByRole("button", { name: "Save" });
    expect(button.tagName).toBe("BUTTON");
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it("applies the default variant and size when none is given", () => {
    render(<Button>Go</Button>);
    expect(screen.getByRole("button")).toHaveClass("bg-primary", "text-primary-foreground", "h-9");
  });

  it.each([
    ["secondary", "bg-secondary"],
    ["outline", "border-input"],
    ["ghost", "hover:bg-accent"],
    ["destructive", "bg-destructive"],
    ["link", "underline-offset-4"],
  ] as const)("applies the %s variant", (variant, expected) => {
    render(<Button variant={variant}>x</Button>);
    const button = screen.getByRole("button");
    expect(button).toHaveClass(expected);
    expect(button).not.toHaveClass("bg-primary");
  });

  it.each([
    ["sm", "h-8"],
    ["lg", "h-10"],
    ["icon", "size-9"],
  ] as const)("applies the %s size", (size, expected) => {
    render(<Button size={size} aria-label="x" />);
    expect(screen.getByRole("button")).toHaveClass(expected);
    expect(screen.getByRole("button")).not.toHaveClass("h-9");
  });

  it("lets a caller's className override a variant class", () => {
    render(<Button className="bg-secondary">x</Button>);
    const button = screen.getByRole("button");
    expect(button).toHaveClass("bg-secondary");
    expect(button).not.toHaveClass("bg-primary");
  });

  it("renders its child instead of a button with asChild", () => {
    render(
      <Button asChild variant="outline">
        <a href="/experiments">Experiments</a>
      </Button>,
    );

    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    const link = screen.getByRole("link", { name: "Experiments" });
    expect(link).toHaveAttribute("href", "/experiments");
    expect(link).toHaveAttribute("data-slot", "button");
    expect(link).toHaveClass("border-input");
  });

  it("does not fire onClick when disabled", async () => {
    const onClick = vi.fn();
    render(
      <Button disabled onClick={onClick}>
        Save
      </Button>,
    );
    await userEvent.click(screen.getByRole("button"));
    expect(onClick).not.toHaveBeenCalled();
  });

  it("exposes buttonVariants for styling other elements", () => {
    expect(buttonVariants({ variant: "ghost", size: "sm" })).toContain("h-8");
  });
});
