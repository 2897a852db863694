/**
 * The messages a person typed in a channel that are not stored yet, kept for the tab. Sends are
 * paced (send-pacer.ts), so a burst can still be waiting its turn when the person opens another
 * channel or reloads; without this, leaving the page would drop what it had not sent. The page
 * that opens the channel again queues them once more with their original clientIds, so one
 * that did reach the room meanwhile comes back as the stored row, never twice.
 *
 * sessionStorage, like drafts (drafts.ts): it lives as long as the tab, each tab keeps its own,
 * and nothing unsent stays on a shared computer's disk. Keyed by user too: another account
 * signed in later in the same tab never sends it.
 */
import { z } from "zod";
import { MAX_BODY_CHARS, REJECT_REASON, replyParentSchema } from "@/party/protocol";
import type { DraftStorage } from "./drafts";
import type { PendingMessage } from "./timeline";

/** Where the page keeps its unsent messages between visits to the channel. */
export type Outbox = {
  load(): PendingMessage[];
  save(pending: PendingMessage[]): void;
};

/** Most messages kept per channel: far beyond a paste, short of filling the tab's storage. */
export const OUTBOX_MAX = 200;
/**
 * Longest an unsent message goes out by itself when the person comes back: past this it is shown
 * failed, with Retry, rather than posted into a conversation that has moved on.
 */
export const OUTBOX_RESEND_WITHIN_MS = 10 * 60_000;

// What storage holds is read back like any other input: a tab's storage can be edited by hand.
const keptSchema = z.object({
  clientId: z.uuid(),
  // UTF-16 units; the room checks code points, and a body past the limit fails there visibly.
  body: z.string().max(MAX_BODY_CHARS * 2),
  replyTo: replyParentSchema.nullable().optional(),
  status: z.enum(["sending", "failed"]),
  reason: REJECT_REASON.nullable(),
  until: z.string().nullable(),
  queuedAt: z.string(),
});
const outboxSchema = z.array(keptSchema).max(OUTBOX_MAX);

/**
 * How a kept message comes back: still on its way if it was sending and is recent, else failed
 * (a failure the person saw, or one too old to post unasked), waiting for Retry.
 */
export function revive(kept: PendingMessage, now: number): PendingMessage {
  const queued = Date.parse(kept.queuedAt);
  const fresh = Number.isFinite(queued) && now - queued <= OUTBOX_RESEND_WITHIN_MS;
  if (kept.status === "sending" && fresh) return { ...kept, reason: null, until: null };
  return { ...kept, status: "failed", reason: kept.reason ?? "unavailable", until: null };
}

export function outboxKey(userId: number, slug: string): string {
  return `chat:outbox:${userId}:${slug}`;
}

/** An outbox in Web Storage; one that cannot be read or written keeps nothing and breaks nothing. */
export function storageOutbox(storage: DraftStorage | null, key: string): Outbox {
  return {
    load() {
      if (!storage) return [];
      try {
        const parsed = outboxSchema.safeParse(JSON.parse(storage.getItem(key) ?? "[]"));
        return parsed.success ? parsed.data : [];
      } catch {
        return [];
      }
    },
    save(pending) {
      if (!storage) return;
      try {
        if (pending.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(pending.slice(0, OUTBOX_MAX)));
      } catch {
        // Full or forbidden (private mode, a sandboxed frame): the messages live in the page only.
        // An older list must not stay behind: it would bring back what was sent or dropped since.
        try {
          storage.removeItem(key);
        } catch {
          // Storage refuses even that; nothing more can be done from here.
        }
      }
    },
  };
}
