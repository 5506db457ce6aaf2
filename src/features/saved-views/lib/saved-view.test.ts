import { describe, expect, it } from "vitest";

import { viewHref, viewLocation } from "./saved-view";

describe("saved view locations", () => {
  it("keeps the page relative to the organization and the query exactly", () => {
    expect(
      viewLocation(
        "/o/acme-commerce/overview/drill",
        "?metric=csat&range=1M&model=a&model=b",
        "acme-commerce",
      ),
    ).toEqual({ path: "/overview/drill", query: "metric=csat&range=1M&model=a&model=b" });
  });

  it("round-trips to the same link", () => {
    const location = viewLocation(
      "/o/acme/overview",
      "?range=custom&from=2026-11-01&to=2026-11-10",
      "acme",
    );
    expect(viewHref(location, "acme")).toBe(
      "/o/acme/overview?range=custom&from=2026-11-01&to=2026-11-10",
    );
    expect(viewHref({ path: "/overview", query: "" }, "acme")).toBe("/o/acme/overview");
  });

  it("falls back to the Overview for a path outside the organization", () => {
    expect(viewLocation("/o/other/overview", "", "acme").path).toBe("/overview");
  });
});
