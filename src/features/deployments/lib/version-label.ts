/** How a version is named everywhere: "<experiment> v<number> (<branch>)", as the database does. */
export function versionLabel(version: { experimentName: string; number: number; branch: string }) {
  return `${version.experimentName} v${version.number} (${version.branch})`;
}

export function allocationPercent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString("en", { maximumFractionDigits: 2 })}%`;
}
