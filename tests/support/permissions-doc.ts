import { readFileSync } from "node:fs";
import path from "node:path";

export const MATRIX_ROLES = [
  "product_manager",
  "prompt_engineer",
  "operations",
  "engineer",
  "enablement",
  "admin",
  "non_member",
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type Access = "yes" | "no" | "own";

export interface MatrixRow {
  resource: string;
  operation: string;
  access: Record<MatrixRole, Access>;
}

/** Reads the permission matrix out of docs/permissions.md: the document is the test's oracle. */
export function readPermissionMatrix(): MatrixRow[] {
  const doc = readFileSync(
    path.resolve(import.meta.dirname, "../../docs/permissions.md"),
    "utf8",
  );
  const block = /<!-- permissions-matrix:start -->([\s\S]*?)<!-- permissions-matrix:end -->/.exec(
    doc,
  );
  if (!block) throw new Error("docs/permissions.md has no permissions-matrix block");
  const lines = block[1]!
    .trim()
    .split("\n")
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const [header, , ...rows] = lines;
  const expectedHeader = ["Resource", "Operation", ...MATRIX_ROLES];
  if (JSON.stringify(header) !== JSON.stringify(expectedHeader)) {
    throw new Error(`Matrix header must be: ${expectedHeader.join(" | ")}`);
  }
  return rows.map(([resource, operation, ...cells]) => {
    const access = Object.fromEntries(
      MATRIX_ROLES.map((role, index) => {
        const cell = cells[index];
        if (cell !== "yes" && cell !== "no" && cell !== "own") {
          throw new Error(`Bad cell "${cell}" for ${resource} ${operation} ${role}`);
        }
        return [role, cell];
      }),
    ) as Record<MatrixRole, Access>;
    return { resource: resource!, operation: operation!, access };
  });
}
