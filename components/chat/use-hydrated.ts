import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and while the browser hydrates, true after: what depends on the reader's
 * clock or time zone renders the server's way first, so both produce the same markup.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
