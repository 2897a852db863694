import type { PresenceUser } from "./protocol";
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
