import "server-only";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { findChannelBySlug } from "@/db/queries/channels";
import { insertMessages } from "@/db/queries/messages";
import { users } from "@/db/schema";
import {
  checkBody,
  type RejectReason,
  type StoreRequest,
  type StoreResult,
} from "@/party/protocol";
import { isBanned, isMuted } from "./restrictions";

/**
 * Stores a batch from a room. Each message is checked again here (the room is trusted to say
 * who sent it, not to have applied every rule): channel open, author not banned or muted,
 * channel not read-only for members, body within limits. The allowed ones go in one INSERT.
 * Results come back in request order, one per message.
 */
export async function storeBatch(request: StoreRequest): Promise<StoreResult[]> {
  const channel = await findChannelBySlug(request.channel);
  if (!channel || channel.archivedAt) {
    return request.messages.map((m) => ({ clientId: m.clientId, ok: false, reason: "invalid" }));
  }
  const authorIds = [...new Set(request.messages.map((m) => m.authorId))];
  const authors = await getDb()
    .select({
      id: users.id,
      role: users.role,
      bannedUntil: users.bannedUntil,
      mutedUntil: users.mutedUntil,
    })
    .from(users)
    .where(inArray(users.id, authorIds));
  const authorById = new Map(authors.map((a) => [a.id, a]));
  const now = Date.now();

  const verdicts: (RejectReason | null)[] = request.messages.map((m) => {
    const author = authorById.get(m.authorId);
    if (!author) return "invalid";
    if (isBanned(author, now)) return "banned";
    if (isMuted(author, now)) return "muted";
    if (channel.readOnly && author.role === "member") return "read_only";
    return checkBody(m.body);
  });
  const allowed = request.messages.filter((_, i) => verdicts[i] === null);
  const stored = await insertMessages({ channelId: channel.id, items: allowed });
  const byKey = new Map(stored.map((s) => [`${s.author.id}:${s.clientId}`, s]));

  return request.messages.map((m, i): StoreResult => {
    const verdict = verdicts[i];
    if (verdict) return { clientId: m.clientId, ok: false, reason: verdict };
    const message = byKey.get(`${m.authorId}:${m.clientId}`);
    // A clientId the author already used in another channel is not this message.
    if (!message || message.channelId !== channel.id) {
      return { clientId: m.clientId, ok: false, reason: "invalid" };
    }
    return { clientId: m.clientId, ok: true, message };
  });
}
