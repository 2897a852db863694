import "server-only";
import { z } from "zod";
import { findMessage } from "@/db/queries/messages";
import { addReaction, hasReacted, removeReaction } from "@/db/queries/reactions";
import { MAX_DISTINCT_REACTIONS, MAX_EMOJI_LENGTH } from "@/party/protocol";
import { RateLimiter } from "@/party/rate-limit";
import { isReactionEmoji } from "@/party/reaction-emoji";
import { type Msg, msg } from "../../_i18n/message";
import { defineAction, Refused } from "../guarded-action";
import { describeUntil } from "../moderation/durations";
import { id } from "../moderation/schemas";
import { notifyRoom } from "../room-notify";
import { mayTouchMessage } from "../support/access";
import { type ReactionVerdict, reactionVerdict } from "./reaction-verdict";

/**
 * Reaction changes per person: a burst of 30, then one a second. A person clicking chips never
 * meets it; a script toggling in a loop (each change is a broadcast to the whole room) does.
 * In memory per server instance, as the history routes' limit is: the shared MySQL throttle is
 * built for sign-in cool-downs (a scope enum, a row per key written on every attempt), and a
 * reaction is too frequent and too cheap to cost a write there. N instances allow N times this.
 */
export const REACTION_RATE = { capacity: 30, refillPerSecond: 1 } as const;
const limiter = new RateLimiter(REACTION_RATE);

const emoji = z
  .string()
  .max(MAX_EMOJI_LENGTH, "reactions.actions.notEmoji")
  .refine(isReactionEmoji, "reactions.actions.notEmoji");

/** Form fields: which message, which emoji, and `on` to set it (absent: toggle what is there). */
export const toggleReactionInput = z.object({
  messageId: id,
  emoji,
  on: z.enum(["true", "false"]).optional(),
});

function refusal(verdict: NonNullable<ReactionVerdict>): Msg {
  switch (verdict.reason) {
    case "message_gone":
      return msg("reactions.actions.messageGone");
    case "archived":
      return msg("reactions.actions.archived");
    case "banned":
    case "muted":
      return msg("reactions.actions.restricted", {
        reason: msg(`common.reject.${verdict.reason}`),
        until: describeUntil(verdict.until),
      });
  }
}

/**
 * Adds or removes the actor's own reaction to a message, then tells the room so every page sees
 * the new count. Only ever the actor's row: nobody can remove someone else's reaction.
 */
export const toggleReaction = defineAction({
  minRole: "member",
  schema: toggleReactionInput,
  async run({ actor, input }) {
    const now = Date.now();
    const found = await findMessage(input.messageId);
    // A conversation's message someone may not open is, for them, no message at all.
    const message = found && mayTouchMessage(actor, found) ? found : null;
    const verdict = reactionVerdict({ user: actor, message, now });
    if (verdict || !message) throw new Refused(refusal(verdict ?? { reason: "message_gone" }));
    if (!limiter.take(String(actor.id), now)) throw new Refused("reactions.actions.tooFast");
    const key = { messageId: message.id, emoji: input.emoji, userId: actor.id };
    const on = input.on === undefined ? !(await hasReacted(key)) : input.on === "true";
    const change = on ? await addReaction(key) : await removeReaction(key);
    if (!change.ok) {
      throw new Refused("reactions.actions.tooManyEmoji", { max: MAX_DISTINCT_REACTIONS });
    }
    // Sent even when nothing changed (a double click): the count in it is the database's, so a
    // page that missed a frame is put right, and the rate limit bounds how often.
    await notifyRoom(message.channelSlug, {
      type: "reaction",
      event: {
        messageId: message.id,
        emoji: input.emoji,
        user: { id: actor.id, name: actor.displayName },
        added: on,
        count: change.count,
        version: change.version,
      },
    });
    if (!change.changed) return msg("reactions.actions.unchanged");
    return msg(on ? "reactions.actions.added" : "reactions.actions.removed");
  },
});
