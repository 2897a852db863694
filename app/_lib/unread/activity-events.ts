import { ACTIVITY_IDS_MAX, type StoreResult, type UserEvent } from "@/party/protocol";

/**
 * The `activity` event each reader gets for one stored batch of a channel: the newest message
 * not by them, and how many of the batch's messages are not theirs. An author gets nothing for
 * a batch of only their own messages. Linear in readers plus batch, since a crowd may be online.
 */
export function activityFor(
  channel: string,
  results: StoreResult[],
  readers: number[],
): Map<number, UserEvent> {
  const stored = results.flatMap((r) => (r.ok ? [r.message] : [])).sort((a, b) => a.id - b.id);
  const events = new Map<number, UserEvent>();
  const newest = stored[stored.length - 1];
  if (!newest) return events;
  const byAuthor = new Map<number, number>();
  for (const m of stored) byAuthor.set(m.author.id, (byAuthor.get(m.author.id) ?? 0) + 1);
  for (const reader of readers) {
    const count = stored.length - (byAuthor.get(reader) ?? 0);
    if (count === 0) continue;
    let messageId = newest.id;
    if (newest.author.id === reader) {
      for (let i = stored.length - 1; i >= 0; i--) {
        const m = stored[i];
        if (m && m.author.id !== reader) {
          messageId = m.id;
          break;
        }
      }
    }
    const ids = stored.filter((m) => m.author.id !== reader).map((m) => m.id);
    const firstId = ids[0] ?? messageId;
    events.set(reader, {
      type: "activity",
      channel,
      messageId,
      count,
      firstId,
      ...(ids.length <= ACTIVITY_IDS_MAX ? { ids } : {}),
    });
  }
  return events;
}

/**
 * Joins the activity of several batches into one list of events per person: per channel, the
 * newest message and the sum of the counts. What a person's room is sent in one call.
 */
export function mergeActivity(perBatch: Map<number, UserEvent>[]): Map<number, UserEvent[]> {
  const byUser = new Map<
    number,
    Map<string, { messageId: number; count: number; firstId: number; ids: number[] | null }>
  >();
  for (const events of perBatch) {
    for (const [userId, event] of events) {
      if (event.type !== "activity") continue;
      let channels = byUser.get(userId);
      if (!channels) {
        channels = new Map();
        byUser.set(userId, channels);
      }
      const held = channels.get(event.channel);
      const count = event.count ?? 1;
      channels.set(event.channel, {
        messageId: Math.max(held?.messageId ?? 0, event.messageId),
        count: (held?.count ?? 0) + count,
        firstId: Math.min(held?.firstId ?? event.messageId, event.firstId ?? event.messageId),
        ids: joinIds(held ? held.ids : [], event.ids),
      });
    }
  }
  const merged = new Map<number, UserEvent[]>();
  for (const [userId, channels] of byUser) {
    merged.set(
      userId,
      [...channels].map(([channel, a]) => ({
        type: "activity",
        channel,
        messageId: a.messageId,
        count: a.count,
        firstId: a.firstId,
        ...(a.ids ? { ids: a.ids } : {}),
      })),
    );
  }
  return merged;
}

/** Two events' ids together, or null once either lacks them or they pass ACTIVITY_IDS_MAX. */
function joinIds(held: number[] | null, more: number[] | undefined): number[] | null {
  if (!held || !more || held.length + more.length > ACTIVITY_IDS_MAX) return null;
  return [...held, ...more];
}
