import { PRESENCE_LIST_MAX, type PresenceUser, type ServerFrame } from "./protocol";
import type { RoomUser } from "./token";

/** The people behind a set of connections: each user once (several tabs count once), by name. */
export function presentUsers(users: Iterable<RoomUser | null | undefined>): PresenceUser[] {
  const byId = new Map<number, PresenceUser>();
  for (const user of users) {
    if (user && !byId.has(user.id)) {
      byId.set(user.id, { id: user.id, name: user.name, image: user.image });
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** The presence frame for a set of connections: the first people by name, and how many in all. */
export function presenceFrame(
  users: Iterable<RoomUser | null | undefined>,
): Extract<ServerFrame, { type: "presence" }> {
  const everyone = presentUsers(users);
  return { type: "presence", users: everyone.slice(0, PRESENCE_LIST_MAX), count: everyone.length };
}

/**
 * How long presence changes are gathered before one frame goes out. Every frame goes to every
 * socket, so a big room waits longer and a crowd joining costs a few broadcasts, not one per join:
 * 50 ms up to 250 sockets, then 1 ms per 5 sockets, at most 2 s (10,000 sockets).
 */
export function presenceDelayMs(sockets: number): number {
  return Math.min(2_000, Math.max(50, Math.round(sockets / 5)));
}
