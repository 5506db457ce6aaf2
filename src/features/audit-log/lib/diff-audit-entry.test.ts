import { diffAuditEntry } from "./diff-audit-entry";

describe("diffAuditEntry", () => {
  it("marks only the fields whose value changed on an update", () => {
    const diff = diffAuditEntry(
      { user_id: "u1", role: "operations", updated_at: "2026-11-01" },
      { user_id: "u1", role: "engineer", updated_at: "2026-11-21" },
    );
    expect(diff).toEqual([
      { field: "user_id", before: "u1", after: "u1", changed: false },
      { field: "role", before: "operations", after: "engineer", changed: true },
      { field: "updated_at", before: "2026-11-01", after: "2026-11-21", changed: true },
    ]);
  });

  it("compares arrays and objects by value, not identity", () => {
    const diff = diffAuditEntry(
      { scopes: ["ingest"], meta: { a: 1 } },
      { scopes: ["ingest"], meta: { a: 2 } },
    );
    expect(diff.map(({ field, changed }) => [field, changed])).toEqual([
      ["scopes", false],
      ["meta", true],
    ]);
  });

  it("treats a field that appeared or disappeared as changed, with null on the missing side", () => {
    const diff = diffAuditEntry({ revoked_at: null }, { revoked_at: null, revoked_by: "u1" });
    expect(diff).toEqual([
      { field: "revoked_at", before: null, after: null, changed: false },
      { field: "revoked_by", before: null, after: "u1", changed: true },
    ]);
  });

  it("shows every field as new on an insert, with no before side", () => {
    expect(diffAuditEntry(null, { name: "CI", scopes: ["ingest"] })).toEqual([
      { field: "name", after: "CI", changed: true },
      { field: "scopes", after: ["ingest"], changed: true },
    ]);
  });

  it("shows every field as gone on a delete, with no after side", () => {
    expect(diffAuditEntry({ email: "x@acme.example" }, null)).toEqual([
      { field: "email", before: "x@acme.example", changed: true },
    ]);
  });

  it("is empty when the database recorded neither side", () => {
    expect(diffAuditEntry(null, null)).toEqual([]);
  });
});
