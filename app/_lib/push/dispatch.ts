import "server-only";
import {
  deleteSubscriptionById,
  listHeldChannels,
  listSubscriptions,
  markSubscriptionsSent,
  newestUnreadMention,
  takeHeld,
  updatePacing,
} from "@/db/queries/push";
import { findUserById } from "@/db/queries/users";
import { isBanned } from "../restrictions";
import { vapidConfig } from "./config";
import { holdMentions, planPushes } from "./pacing";
import { mentionPayload, pushLocale } from "./payload";
import { createPushSender, type PushPayload, type PushSender } from "./sender";

/** One stored mention of a person, as the mention parser hands it over. */
export type MentionForPush = { userId: number; channelId: number; messageId: number };

/**
 * Holds newly stored mentions for a possible web push: per person and channel the held count
 * grows, and the push is due PUSH_DELAY_MS from `now` (or when the channel's gap since the last
 * push ends, if later). Nothing is sent here: the person's room calls POST /api/party/push when
 * the delay is over, and dispatchPushes decides then.
 */
export async function recordMentionsForPush(
  list: readonly MentionForPush[],
  now: Date = new Date(),
): Promise<void> {
  const grouped = new Map<
    string,
    { userId: number; channelId: number; count: number; upToId: number }
  >();
  for (const m of list) {
    const key = `${m.userId}:${m.channelId}`;
    const entry = grouped.get(key);
    if (entry) {
      entry.count += 1;
      entry.upToId = Math.max(entry.upToId, m.messageId);
    } else {
      grouped.set(key, { userId: m.userId, channelId: m.channelId, count: 1, upToId: m.messageId });
    }
  }
  if (grouped.size === 0) return;
  await updatePacing([...grouped.values()], (key, state) => {
    const added = grouped.get(`${key.userId}:${key.channelId}`);
    return added ? holdMentions(state, added, now) : state;
  });
}

export type DispatchResult = {
  /** Pushes sent (one per channel, to every device of the person). */
  sent: number;
  /** When the room should call again for mentions still held, or null when none are. */
  nextDueAt: Date | null;
};

let defaultSender: { key: string; send: PushSender } | null = null;

function senderFromEnv(): PushSender | null {
  const vapid = vapidConfig();
  if (!vapid) return null;
  const key = `${vapid.publicKey}:${vapid.privateKey}:${vapid.subject}`;
  if (defaultSender?.key !== key) defaultSender = { key, send: createPushSender(vapid) };
  return defaultSender.send;
}

/**
 * Sends what is due of one person's held mentions: per channel one push (a single mention, or
 * a digest when several were held), unless they were read meanwhile on any device, the channel
 * is muted, the messages are gone, or the person has a page open (`sockets` > 0; it shows the
 * notice itself). `send` defaults to the server's VAPID sender; with push off, held mentions
 * are only cleared.
 */
export async function dispatchPushes(
  userId: number,
  options: { sockets: number; now?: Date; send?: PushSender | null },
): Promise<DispatchResult> {
  const now = options.now ?? new Date();
  const send = options.send === undefined ? senderFromEnv() : options.send;
  const user = await findUserById(userId);
  if (!user) return { sent: 0, nextDueAt: null };
  const [held, devices] = await Promise.all([listHeldChannels(userId), listSubscriptions(userId)]);
  const usable = send && !isBanned(user, now.getTime()) ? devices : [];
  const plan = planPushes(held, { sockets: options.sockets, devices: usable.length, now });
  let sent = 0;
  for (const decision of plan.decisions) {
    if (decision.action === "wait") continue;
    const row = held.find((h) => h.channelId === decision.channelId);
    if (!row || row.heldUpToId === null) continue;
    const sending = decision.action === "send";
    const taken = await takeHeld({
      userId,
      channelId: row.channelId,
      heldCount: row.heldCount,
      heldUpToId: row.heldUpToId,
      sentAt: sending ? now : null,
    });
    // Changed since it was read (a new mention, or a concurrent call): that call decides.
    if (!taken || !sending || !send) continue;
    const newest = await newestUnreadMention({
      userId,
      channelId: row.channelId,
      afterId: row.lastReadId,
      upToId: row.heldUpToId,
    });
    const payload = mentionPayload({
      locale: pushLocale(user.locale),
      slug: row.slug,
      count: decision.count,
      newest,
    });
    await deliver(usable, payload, send, now);
    sent += 1;
  }
  return { sent, nextDueAt: plan.nextDueAt };
}

/** Sends to every device; a device the push service calls gone is deleted, others kept. */
async function deliver(
  devices: Awaited<ReturnType<typeof listSubscriptions>>,
  payload: PushPayload,
  send: PushSender,
  now: Date,
): Promise<void> {
  const outcomes = await Promise.all(devices.map((device) => send(device, payload)));
  const delivered: number[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const device = devices[i];
    if (!device) continue;
    if (outcome.status === "sent") delivered.push(device.id);
    else if (outcome.status === "gone") await deleteSubscriptionById(device.id);
    else {
      // Kept: a push service's 5xx or a timeout says nothing about the subscription itself.
      console.error(
        `Push to subscription ${device.id} failed (${outcome.statusCode ?? "no answer"}): ${outcome.error}`,
      );
    }
  }
  await markSubscriptionsSent(delivered, now);
}
