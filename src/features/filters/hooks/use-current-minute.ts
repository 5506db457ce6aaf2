import { useSyncExternalStore } from "react";

const MINUTE = 60_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function notifyAtNextMinute() {
  timer = setTimeout(
    () => {
      for (const listener of listeners) listener();
      notifyAtNextMinute();
    },
    MINUTE - (Date.now() % MINUTE),
  );
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) notifyAtNextMinute();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearTimeout(timer);
  };
}

function currentMinute() {
  return Math.floor(Date.now() / MINUTE) * MINUTE;
}

/**
 * The current time, rounded down to the minute, shared by every caller. "Last 7 days" then
 * means the same instant everywhere on the page (so query keys agree) and rolls forward each minute.
 */
export function useCurrentMinute(): number {
  return useSyncExternalStore(subscribe, currentMinute);
}
