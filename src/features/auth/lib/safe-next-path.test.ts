import { safeNextPath, signInPathFor } from "./safe-next-path";

const ORIGIN = "https://causeway.example";

describe("safeNextPath", () => {
  it.each([
    ["/o/acme/overview?range=1M", "/o/acme/overview?range=1M"],
    ["/o/acme/audit-log#latest", "/o/acme/audit-log#latest"],
  ])("keeps a same-origin path: %s", (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });

  it.each([
    ["missing", null],
    ["empty", ""],
    ["an absolute URL", "https://evil.example/o/acme"],
    ["protocol-relative", "//evil.example/o/acme"],
    ["a backslash trick", "/\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["relative without a slash", "o/acme"],
    ["an auth page", "/sign-in?next=/o/acme"],
  ])("falls back to / when `next` is %s", (_case, next) => {
    expect(safeNextPath(next, ORIGIN)).toBe("/");
  });
});

describe("signInPathFor", () => {
  it("carries the path and search as `next`", () => {
    expect(signInPathFor("/o/acme/members?range=1M")).toBe(
      "/sign-in?next=%2Fo%2Facme%2Fmembers%3Frange%3D1M",
    );
  });

  it("leaves `next` out for the home page", () => {
    expect(signInPathFor("/")).toBe("/sign-in");
  });
});
