import "server-only";
import { advanceLastMessage, findRoomChannelBySlug } from "@/db/queries/conversations";
import {
  findByClientKeys,
  insertMessages,
  lastPostedAt,
  messageIdsInChannel,
} from "@/db/queries/messages";
import { findAuthorStanding } from "@/db/queries/users";
import type { ChatMessage, StoreRequest, StoreResult } from "@/party/protocol";
import { recordMentions } from "./mentions/record";
import { isStaff } from "./permissions";
import { type PostingVerdict, postingVerdict } from "./posting-verdict";
import { conversationVerdict } from "./support/conversation-posting";
import { notifyInboxLater } from "./support/inbox-notify";
import { fanOutActivity } from "./unread/activity-fan-out";
import { afterResponse } from "./unread/after-response";

/**
 * Stores a batch from a room. A message already stored under its (author, clientId) comes back
 * as it was (a retry is never refused or doubled). Every other message is checked here, since
 * the room is trusted to say who sent it but not to know the rules: channel open, author not
 * banned or muted, read-only channels for staff only, slow mode, body within limits, and a reply's
 * parent a message of this same channel (one deleted meanwhile is fine: the quote says so; any
 * other id is refused as invalid, so a reply can never quote another channel). The allowed ones
 * go in one INSERT. Results come back in request order, one per message.
 */
export async function storeBatch(request: StoreRequest): Promise<StoreResult[]> {
  const key = (m: { authorId: number; clientId: string }) => `${m.authorId}:${m.clientId}`;
  const storedKey = (m: ChatMessage) => key({ authorId: m.author.id, clientId: m.clientId });
  // Three independent reads at once: a store call waits for the slowest, not for their sum.
  const [channel, storedBefore, authors] = await Promise.all([
    // A support conversation is a channel too, with its own extra rules (conversation-posting.ts).
    findRoomChannelBySlug(request.channel),
    findByClientKeys(request.messages),
    findAuthorStanding([...new Set(request.messages.map((m) => m.authorId))]),
  ]);
  if (!channel || channel.archivedAt) {
    return request.messages.map((m) => ({ clientId: m.clientId, ok: false, reason: "invalid" }));
  }
  const already = new Map(storedBefore.map((m) => [storedKey(m), m]));
  const fresh = request.messages.filter((m) => !already.has(key(m)));

  const authorById = new Map(authors.map((a) => [a.id, a]));
  const slowMs = channel.slowModeSeconds * 1000;
  const parentIds = [
    ...new Set(fresh.flatMap((m) => (m.replyTo === undefined ? [] : [m.replyTo]))),
  ];
  const [lastPost, parents] = await Promise.all([
    slowMs > 0
      ? lastPostedAt({
          channelId: channel.id,
          authorIds: authors.filter((a) => !isStaff(a.role)).map((a) => a.id),
        })
      : new Map<number, Date>(),
    messageIdsInChannel({ channelId: channel.id, ids: parentIds }),
  ]);
  const now = Date.now();

  const verdicts = new Map<string, PostingVerdict>();
  for (const m of fresh) {
    if (verdicts.has(key(m))) continue;
    const author = authorById.get(m.authorId);
    let verdict = postingVerdict({ author, channel, body: m.body, now });
    if (!verdict && author) {
      verdict = conversationVerdict({ author, conversation: channel.conversation });
    }
    if (!verdict && m.replyTo !== undefined && !parents.has(m.replyTo)) {
      verdict = { reason: "invalid" };
    }
    if (!verdict && author && slowMs > 0 && !isStaff(author.role)) {
      const last = lastPost.get(author.id);
      if (last && last.getTime() + slowMs > now) {
        verdict = { reason: "rate_limited", until: new Date(last.getTime() + slowMs) };
      } else {
        // A second message from the same author in this batch waits like any other.
        lastPost.set(author.id, new Date(now));
      }
    }
    verdicts.set(key(m), verdict);
  }
  const allowed = fresh.filter((m) => verdicts.get(key(m)) === null);
  const stored = await insertMessages({ channelId: channel.id, items: allowed });
  const newest = stored.reduce((n, m) => Math.max(n, m.id), 0);
  if (channel.conversation && newest > 0) {
    await advanceLastMessage({ channelId: channel.id, id: newest });
    // After the answer, gathered: the agents' lists reload, the room's next batch never waits.
    notifyInboxLater();
  }
  const byKey = new Map([...already, ...stored.map((s) => [storedKey(s), s] as const)]);

  const results = request.messages.map((m): StoreResult => {
    const verdict = verdicts.get(key(m));
    if (verdict) {
      return verdict.until
        ? {
            clientId: m.clientId,
            ok: false,
            reason: verdict.reason,
            until: verdict.until.toISOString(),
          }
        : { clientId: m.clientId, ok: false, reason: verdict.reason };
    }
    const message = byKey.get(key(m));
    // A clientId the author already used in another channel is not this message.
    if (!message || message.channelId !== channel.id) {
      return { clientId: m.clientId, ok: false, reason: "invalid" };
    }
    return { clientId: m.clientId, ok: true, message };
  });
  // Mentions and sidebar counts are for community channels: a support conversation is only its
  // visitor's and the agents', and no member may learn that it exists.
  if (!channel.conversation) {
    await recordMentions(
      channel,
      results.flatMap((r) => (r.ok ? [r.message] : [])),
    );
    // After the answer: the room's next batch must not wait for anyone's sidebar.
    afterResponse(() => fanOutActivity(channel.slug, results));
  }
  return results;
}
