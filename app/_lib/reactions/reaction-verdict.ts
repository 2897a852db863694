/**
 * Who may react where, as one pure function: the toggle action asks it, and unit tests pin it.
 * Reacting is allowed in read-only channels (an announcement takes a 👍 without a reply thread)
 * but not in archived ones, nor by a muted or banned person.
 */
import type { User } from "@/db/schema";
import { isBanned, isMuted } from "../restrictions";

export type ReactionVerdict =
  | null
  | { reason: "archived" }
  | { reason: "message_gone" }
  | { reason: "banned" | "muted"; until: Date };

/** Why `user` may not change reactions on this message at `now`, or null when they may. */
export function reactionVerdict(args: {
  user: Pick<User, "bannedUntil" | "mutedUntil">;
  message: { deletedAt: Date | null; channelArchivedAt: Date | null } | null;
  now: number;
}): ReactionVerdict {
  const { user, message, now } = args;
  if (!message || message.deletedAt) return { reason: "message_gone" };
  if (message.channelArchivedAt) return { reason: "archived" };
  if (isBanned(user, now) && user.bannedUntil) return { reason: "banned", until: user.bannedUntil };
  if (isMuted(user, now) && user.mutedUntil) return { reason: "muted", until: user.mutedUntil };
  return null;
}
