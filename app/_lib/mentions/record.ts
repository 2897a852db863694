import "server-only";
import { after } from "next/server";
import { parseMentions } from "@/components/mentions/parse-mentions";
import {
  deleteMentionsExcept,
  findMentionableUsers,
  findOnlineUserIds,
  insertMentions,
  type MentionRow,
  mentionsOfMessages,
} from "@/db/queries/mentions";
import type { MentionKind } from "@/db/schema";
import { type ChatMessage, REPLY_EXCERPT_CHARS } from "@/party/protocol";
import { isStaff } from "../permissions";
import { recordMentionsForPush } from "../push/dispatch";
import { notifyUser } from "../user-notify";

/** One person newly mentioned by one stored message: what a live notice or a push needs. */
export type StoredMention = {
  messageId: number;
  userId: number;
  channelId: number;
  channelSlug: string;
  kind: MentionKind;
  authorId: number;
  authorName: string;
  /** The start of the message (REPLY_EXCERPT_CHARS characters). */
  excerpt: string;
};

type Channel = { id: number; slug: string };

/** Who each message addresses: named people (not banned), and everyone online for staff's @here. */
async function wantedMentions(list: ChatMessage[], now: Date): Promise<MentionRow[]> {
  const parsed = list.map((m) => ({ message: m, ...parseMentions(m.body) }));
  const names = [...new Set(parsed.flatMap((p) => p.usernames))];
  // @here from a member is plain text: it costs no lookup and stores nothing.
  const anyHere = parsed.some((p) => p.here && isStaff(p.message.author.role));
  const [people, online] = await Promise.all([
    findMentionableUsers({ usernames: names, now }),
    anyHere ? findOnlineUserIds({ now }) : Promise.resolve([]),
  ]);
  const idByName = new Map(people.map((p) => [p.username.toLowerCase(), p.id]));
  const rows: MentionRow[] = [];
  for (const p of parsed) {
    const m = p.message;
    const seen = new Set<number>([m.author.id]);
    const add = (userId: number, kind: MentionKind) => {
      if (seen.has(userId)) return;
      seen.add(userId);
      rows.push({ messageId: m.id, userId, channelId: m.channelId, kind });
    };
    for (const name of p.usernames) {
      const id = idByName.get(name);
      if (id !== undefined) add(id, "user");
    }
    if (p.here && isStaff(m.author.role)) for (const id of online) add(id, "here");
  }
  return rows;
}

function storedMention(row: MentionRow, message: ChatMessage, channel: Channel): StoredMention {
  return {
    ...row,
    channelSlug: channel.slug,
    authorId: message.author.id,
    authorName: message.author.name,
    excerpt: [...message.body].slice(0, REPLY_EXCERPT_CHARS).join(""),
  };
}

/**
 * Records who the stored messages of a batch mention, and tells each newly mentioned person
 * after the answer has gone. Called with every message the batch answers as stored, the ones
 * an earlier attempt stored included: a retry after a failure between the insert and this step
 * still records them, and the pairs already stored are neither inserted again nor announced
 * twice. Returns the new mentions.
 */
export async function recordMentions(
  channel: Channel,
  stored: ChatMessage[],
  now = new Date(),
): Promise<StoredMention[]> {
  // Most messages mention nobody: they cost no query at all.
  const candidates = stored.filter((m) => m.channelId === channel.id && m.body.includes("@"));
  if (candidates.length === 0) return [];
  const wanted = await wantedMentions(candidates, now);
  if (wanted.length === 0) return [];
  const existing = await mentionsOfMessages([...new Set(wanted.map((r) => r.messageId))]);
  const had = new Set(existing.map((e) => `${e.messageId}:${e.userId}`));
  const fresh = wanted.filter((r) => !had.has(`${r.messageId}:${r.userId}`));
  await insertMentions(fresh);
  const byId = new Map(candidates.map((m) => [m.id, m]));
  const mentions = fresh.flatMap((r) => {
    const message = byId.get(r.messageId);
    return message ? [storedMention(r, message, channel)] : [];
  });
  announceLater(mentions);
  return mentions;
}

/**
 * An edit's mentions: people the new text names are added (and told), people it no longer
 * names are dropped, so the Mentions page and the badges follow what the message now says.
 */
export async function recordEditedMentions(
  channel: Channel,
  edited: ChatMessage,
  now = new Date(),
): Promise<StoredMention[]> {
  const wanted = edited.body.includes("@") ? await wantedMentions([edited], now) : [];
  await deleteMentionsExcept({ messageId: edited.id, keepUserIds: wanted.map((r) => r.userId) });
  if (wanted.length === 0) return [];
  return recordMentions(channel, [edited], now);
}

/** How many people's rooms are told at once. */
const NOTIFY_AT_ONCE = 25;

/** Holds the mentions for web push, then tells each mentioned person's pages. Never throws. */
async function announce(mentions: StoredMention[]): Promise<void> {
  // Map.groupBy is Node 21+; the project supports Node 20.
  const byUser = new Map<number, StoredMention[]>();
  for (const m of mentions) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
  // A staff @here can reach thousands: a few rooms at a time, not one request per person at once.
  const people = [...byUser];
  try {
    // Held for web push first: the person's own room, told below, calls back after the read
    // grace (60 s), and the app then sends only what is still unread to devices with no page open.
    await recordMentionsForPush(mentions);
  } catch (error) {
    console.error("Holding mentions for push failed:", error);
  }
  for (let i = 0; i < people.length; i += NOTIFY_AT_ONCE) {
    await Promise.all(
      people.slice(i, i + NOTIFY_AT_ONCE).map(async ([userId, list]) => {
        await notifyUser(
          userId,
          list.map((m) => ({
            type: "mention" as const,
            channel: m.channelSlug,
            messageId: m.messageId,
            authorName: m.authorName,
            excerpt: m.excerpt,
          })),
        );
      }),
    );
  }
}

/**
 * Runs the announcement once the response has been sent (Next.js `after`), so a store call
 * never waits on other rooms. Outside a request (scripts, integration tests calling the store
 * directly) there is no response to wait for, and `after` throws: it runs right away instead.
 */
function announceLater(mentions: StoredMention[]): void {
  if (mentions.length === 0) return;
  const task = () => announce(mentions);
  try {
    after(task);
  } catch {
    void task();
  }
}
