import type { User } from "@/db/schema";

/** True while a ban is in force (a permanent ban is stored far in the future). */
export function isBanned(user: Pick<User, "bannedUntil">, now = Date.now()): boolean {
  return user.bannedUntil !== null && user.bannedUntil.getTime() > now;
}

/** True while a mute is in force. */
export function isMuted(user: Pick<User, "mutedUntil">, now = Date.now()): boolean {
  return user.mutedUntil !== null && user.mutedUntil.getTime() > now;
}
