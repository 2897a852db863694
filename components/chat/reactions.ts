/**
 * How the page's reaction chips follow the room's `reaction` frames: pure functions, so the rules
 * (the event's count wins, duplicates and strays change nothing) are unit-tested without a socket.
 */
import { REACTORS_NAMED, type Reaction, type ReactionEvent } from "@/party/protocol";

/**
 * A message's reactions after one live event. The event's count is the database's after the
 * change, so it replaces ours; the named people gain or lose the event's user; `mine` only moves
 * when the event is the reader's own. A count of 0 removes the chip.
 */
export function applyReactionEvent(
  reactions: readonly Reaction[],
  event: ReactionEvent,
  me: number,
): Reaction[] {
  const index = reactions.findIndex((r) => r.emoji === event.emoji);
  const held = index >= 0 ? reactions[index] : undefined;
  if (event.count === 0) {
    return held ? reactions.filter((_, i) => i !== index) : [...reactions];
  }
  const named = held?.users ?? [];
  const already = named.some((u) => u.id === event.user.id);
  const users = event.added
    ? already
      ? named
      : // Oldest first: a new reactor goes last, and only while fewer than the named limit show.
        [...named, event.user].slice(0, REACTORS_NAMED)
    : named.filter((u) => u.id !== event.user.id);
  const next: Reaction = {
    emoji: event.emoji,
    count: event.count,
    users,
    mine: event.user.id === me ? event.added : (held?.mine ?? false),
  };
  if (!held) return [...reactions, next];
  return reactions.map((r, i) => (i === index ? next : r));
}

/**
 * "Ann, Bo and 3 others": the names a chip's tooltip lists, and how many it leaves unnamed. The
 * page words it; this only decides who is named.
 */
export function reactorsShown(reaction: Reaction, limit = 5): { names: string[]; others: number } {
  const names = reaction.users.slice(0, limit).map((u) => u.name);
  return { names, others: Math.max(0, reaction.count - names.length) };
}
