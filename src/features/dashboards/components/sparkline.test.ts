import { describe, expect, it } from "vitest";

import { sparklinePath } from "./sparkline";

describe("sparklinePath", () => {
  it("draws from the lowest value at the bottom to the highest at the top", () => {
    expect(sparklinePath([1, 3, 2])).toBe("M0.0,30.0L60.0,2.0L120.0,16.0");
  });

  it("breaks the line at gaps and draws nothing without data", () => {
    expect(sparklinePath([1, null, 1, 2])).toBe("M0.0,30.0M80.0,30.0L120.0,2.0");
    expect(sparklinePath([null, null])).toBe("");
  });

  it("keeps a flat series in the middle", () => {
    expect(sparklinePath([5, 5])).toBe("M0.0,16.0L120.0,16.0");
  });
});
