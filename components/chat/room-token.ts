import type { AppFetch } from "./app-fetch";

/** Thrown when the token route says no for good (signed out, banned, no channel): retrying cannot help. */
export class FatalConnectError extends Error {}

/**
 * Asks the app for a fresh room token for `slug` (GET /api/party/token?channel=SLUG). Throws a
 * FatalConnectError, carrying the route's own words, on 401, 403 and 404; any other failure is a
 * plain Error worth retrying.
 */
export async function fetchRoomToken(appFetch: AppFetch, slug: string): Promise<string> {
  const response = await appFetch(`/api/party/token?channel=${encodeURIComponent(slug)}`);
  const body = (await response.json().catch(() => ({}))) as { token?: unknown; error?: unknown };
  if (response.ok) {
    if (typeof body.token === "string") return body.token;
    throw new Error("The token response had no token");
  }
  const message =
    typeof body.error === "string" ? body.error : `Could not join (${response.status})`;
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    throw new FatalConnectError(message);
  }
  throw new Error(message);
}
