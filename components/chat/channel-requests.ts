import { type Changes, changesSchema, type HistoryPage, historyPageSchema } from "@/party/protocol";
import type { AppFetch } from "./app-fetch";

const channelPath = (slug: string) => `/api/channels/${encodeURIComponent(slug)}`;

/** One page of stored messages (GET /api/channels/SLUG/messages?after=|before=&limit=). */
export async function fetchHistoryPage(
  appFetch: AppFetch,
  slug: string,
  query: { after?: number; before?: number; limit: number },
  signal?: AbortSignal,
): Promise<HistoryPage> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.after !== undefined) params.set("after", String(query.after));
  if (query.before !== undefined) params.set("before", String(query.before));
  const response = await appFetch(`${channelPath(slug)}/messages?${params}`, { signal });
  if (!response.ok) throw new Error(`History could not be loaded (${response.status})`);
  return historyPageSchema.parse(await response.json());
}

/** Edits and deletions since `since` to the messages with ids from `from` to `upTo`. */
export async function fetchChanges(
  appFetch: AppFetch,
  slug: string,
  query: { since: string; from: number; upTo: number },
  signal?: AbortSignal,
): Promise<Changes> {
  const params = new URLSearchParams({
    since: query.since,
    from: String(query.from),
    upTo: String(query.upTo),
  });
  const response = await appFetch(`${channelPath(slug)}/changes?${params}`, { signal });
  if (!response.ok) throw new Error(`Changes could not be loaded (${response.status})`);
  return changesSchema.parse(await response.json());
}
