import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { format, subDays } from "date-fns";
import { createMemoryRouter, RouterProvider } from "react-router-dom";

import { LocationProbe } from "@/test/location-probe";
import { FilterWarnings } from "./filter-warnings";
import { TimeRangeFilter } from "./time-range-filter";

function renderFilter(search: string) {
  const router = createMemoryRouter(
    [
      {
        path: "/o/:orgSlug/overview",
        element: (
          <>
            <TimeRangeFilter />
            <FilterWarnings />
            <LocationProbe />
          </>
        ),
      },
    ],
    { initialEntries: [`/o/acme/overview${search}`] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

function currentParams() {
  const location = screen.getByRole("status", { name: "Current location" }).textContent ?? "";
  return new URLSearchParams(location.split("?")[1] ?? "");
}

const day = (daysAgo: number) => format(subDays(new Date(), daysAgo), "yyyy-MM-dd");

describe("TimeRangeFilter", () => {
  it("shows the range from the URL and writes a new preset as a history entry", async () => {
    const user = userEvent.setup();
    const router = renderFilter("?range=1M&model=gpt-4");
    const presets = screen.getByRole("radiogroup", { name: "Time range" });
    expect(within(presets).getByRole("radio", { name: /1M/ })).toBeChecked();

    await user.click(within(presets).getByRole("radio", { name: /3M/ }));
    expect(currentParams().get("range")).toBe("3M");
    expect(currentParams().get("model")).toBe("gpt-4");
    expect(within(presets).getByRole("radio", { name: /3M/ })).toBeChecked();

    await act(() => router.navigate(-1));
    expect(currentParams().get("range")).toBe("1M");
  });

  it("is operable from the keyboard", async () => {
    const user = userEvent.setup();
    renderFilter("");
    const presets = screen.getByRole("radiogroup", { name: "Time range" });
    expect(within(presets).getByRole("radio", { name: /7D/ })).toBeChecked();

    await user.tab();
    expect(within(presets).getByRole("radio", { name: /7D/ })).toHaveFocus();
    await user.keyboard("{ArrowRight}{Enter}");
    expect(currentParams().get("range")).toBe("1M");
  });

  it("applies a custom range of whole days and shows it on the button", async () => {
    const user = userEvent.setup();
    renderFilter("?range=7D");
    await user.click(screen.getByRole("button", { name: "Custom" }));

    const from = screen.getByLabelText("From");
    const to = screen.getByLabelText("To");
    await user.clear(from);
    await user.type(from, day(10));
    await user.clear(to);
    await user.type(to, day(3));
    await user.click(screen.getByRole("button", { name: "Apply" }));

    expect(Object.fromEntries(currentParams())).toEqual({
      range: "custom",
      from: day(10),
      to: day(3),
    });
    expect(screen.getByRole("button", { name: /^Custom range: / })).toBeInTheDocument();
    expect(screen.queryByRole("radio", { checked: true })).not.toBeInTheDocument();
  });

  it("explains what's wrong with a custom range instead of applying it", async () => {
    const user = userEvent.setup();
    renderFilter("");
    await user.click(screen.getByRole("button", { name: "Custom" }));
    const from = screen.getByLabelText("From");
    await user.clear(from);
    await user.type(from, day(1));
    const to = screen.getByLabelText("To");
    await user.clear(to);
    await user.type(to, day(5));
    await user.click(screen.getByRole("button", { name: "Apply" }));

    expect(
      screen.getByText("The start date must be on or before the end date."),
    ).toBeInTheDocument();
    expect(from).toHaveFocus();
    expect(currentParams().has("range")).toBe(false);
  });

  it("falls back to the last 7 days with a warning when the URL's range is invalid", () => {
    renderFilter(`?range=custom&from=${day(2)}&to=${day(9)}`);
    expect(screen.getByRole("radio", { name: /7D/ })).toBeChecked();
    expect(screen.getByText(/custom range starts after it ends/)).toBeInTheDocument();
  });
});
