/** Saves `blob` as a file through the browser's download, as a link click would. */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: Chromium starts the download from the click synchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "causeway-acme-commerce-conversion-by-model-2026-11-21-1030", safe on every file system. */
export function exportFilename(parts: string[], at = new Date()): string {
  const stamp = at.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  return ["causeway", ...parts, stamp]
    .map((part) =>
      part
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter(Boolean)
    .join("-");
}
