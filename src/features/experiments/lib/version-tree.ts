import type { ExperimentVersion } from "../api/fetch-experiment";

export interface VersionNode {
  version: ExperimentVersion;
  children: VersionNode[];
}

/**
 * The version history as a tree: each version under its parent, oldest first among siblings.
 * A version whose parent isn't listed (a fork's source outside the loaded history) starts a root.
 */
export function versionTree(versions: ExperimentVersion[]): VersionNode[] {
  const nodes = new Map(
    versions.map((version) => [version.id, { version, children: [] } as VersionNode]),
  );
  const roots: VersionNode[] = [];
  const byAge = [...versions].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number,
  );
  for (const version of byAge) {
    const node = nodes.get(version.id)!;
    const parent = version.parentVersionId ? nodes.get(version.parentVersionId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
