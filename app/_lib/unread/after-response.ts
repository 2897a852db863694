import "server-only";
import { after } from "next/server";

/**
 * Runs `task` once the response has gone (next/server `after`). Called outside a request (a
 * test calling a route handler directly) it simply runs detached: the work is the same.
 */
export function afterResponse(task: () => Promise<void>): void {
  const guarded = () =>
    task().catch((error: unknown) => {
      console.error("After-response task failed:", error);
    });
  try {
    after(guarded);
  } catch {
    void guarded();
  }
}
