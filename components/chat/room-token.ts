import { type JoinRefusalCode, tokenRefusalSchema } from "@/party/protocol";
import type { AppFetch } from "./app-fetch";

/**
 * Why the token route said no for good, as data: the page puts it into the reader's words.
 * `unknown` is an answer without a readable code (a proxy's 401, say); `status` then says which.
 */
export type JoinRefusal = {
  code: JoinRefusalCode | "unknown";
  status: number;
  /** banned: when the ban ends (ISO 8601), else null. */
  until: string | null;
  /** banned: the moderator's reason, else null. */
  reason: string | null;
};

/** Thrown when the token route says no for good (signed out, banned, no channel): retrying cannot help. */
export class FatalConnectError extends Error {
  constructor(readonly refusal: JoinRefusal) {
    super(`Could not join: ${refusal.code} (${refusal.status})`);
    this.name = "FatalConnectError";
  }
}

/**
 * Asks the app for a fresh room token for `slug` (GET /api/party/token?channel=SLUG). Throws a
 * FatalConnectError, carrying the route's refusal, on 401, 403 and 404; any other failure is a
 * plain Error worth retrying.
 */
export function fetchRoomToken(appFetch: AppFetch, slug: string): Promise<string> {
  return fetchTokenFrom(appFetch, `/api/party/token?channel=${encodeURIComponent(slug)}`);
}

/** The same for any token route that answers like the channel one (e.g. the person's own room's). */
export async function fetchTokenFrom(appFetch: AppFetch, path: string): Promise<string> {
  const response = await appFetch(path);
  const body: unknown = await response.json().catch(() => ({}));
  if (response.ok) {
    const token = (body as { token?: unknown } | null)?.token;
    if (typeof token === "string") return token;
    throw new Error("The token response had no token");
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    const parsed = tokenRefusalSchema.safeParse(body);
    throw new FatalConnectError(
      parsed.success
        ? {
            code: parsed.data.code,
            status: response.status,
            until: parsed.data.until ?? null,
            reason: parsed.data.reason ?? null,
          }
        : { code: "unknown", status: response.status, until: null, reason: null },
    );
  }
  throw new Error(`Could not join (${response.status})`);
}
