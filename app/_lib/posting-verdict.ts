/**
 * The rules for putting words in a channel, as one pure function: storing a new message (the
 * room's batches) and editing an old one both ask it, so an edit can never say what a new message
 * could not. Slow mode is not here: it limits how often one posts, and edits have their own limit.
 */
import type { Role } from "@/db/schema";
import { checkBody, type RejectReason } from "@/party/protocol";
import { isStaff } from "./permissions";
import { isBanned, isMuted } from "./restrictions";

/** Why the words may not go in (and until when, for a ban or mute), or null when they may. */
export type PostingVerdict = { reason: RejectReason; until?: Date } | null;

export type PostingAuthor = {
  role: Role;
  bannedUntil: Date | null;
  mutedUntil: Date | null;
};

export type PostingChannel = { readOnly: boolean; archivedAt: Date | null };

/**
 * Whether `author` may put `body` in `channel` at `now`: an existing author, an open channel, no
 * ban or mute in force, read-only channels for staff only, and a body within the limits.
 */
export function postingVerdict(args: {
  author: PostingAuthor | null | undefined;
  channel: PostingChannel;
  body: string;
  now: number;
}): PostingVerdict {
  const { author, channel, now } = args;
  if (!author || channel.archivedAt) return { reason: "invalid" };
  if (isBanned(author, now)) return { reason: "banned", until: author.bannedUntil ?? undefined };
  if (isMuted(author, now)) return { reason: "muted", until: author.mutedUntil ?? undefined };
  if (channel.readOnly && !isStaff(author.role)) return { reason: "read_only" };
  const bodyProblem = checkBody(args.body);
  return bodyProblem ? { reason: bodyProblem } : null;
}
