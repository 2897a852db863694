/**
 * How the room client reaches the Next.js app: a fetch of a path on the app's own origin. The
 * page passes the browser's fetch (its cookies go along by themselves); a Node client passes one
 * that prefixes the app's URL and carries a signed-in session's cookies.
 */
export type AppFetch = (path: string, init?: RequestInit) => Promise<Response>;

/** The browser's fetch, never cached: every answer here is about now. */
export const browserFetch: AppFetch = (path, init) => fetch(path, { cache: "no-store", ...init });
