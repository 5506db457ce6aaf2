import "@/test/polyfills";

import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

describe("Tooltip", () => {
  it("works without an app-level provider and shows on keyboard focus", async () => {
    render(
      <Tooltip>
        <TooltipTrigger asChild>
          <Button size="icon" aria-label="Refresh" />
        </TooltipTrigger>
        <TooltipContent>Refresh results</TooltipContent>
      </Tooltip>,
    );
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();

    await userEvent.tab();

    expect(screen.getByRole("button", { name: "Refresh" })).toHaveFocus();
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Refresh results");

    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });
});
