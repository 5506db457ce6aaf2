/** Hands a file the page built to the browser's download. */
export function saveFile({ name, blob }: { name: string; blob: Blob }) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // The download reads the URL after this task ends: revoke it only once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
