import { ROOM_TOKEN_TTL_SECONDS } from "@/party/token";

/** How long past its token a person counts as online: a page renews its token before this. */
const ONLINE_MARGIN_MS = 60_000;
/**
 * A page fetches its token before its socket opens; for this long after a token a room with no
 * socket is not taken as "gone".
 */
const SOCKET_GRACE_MS = 30_000;

/** Until when a person who fetched their room's token at `now` counts as online. */
export function onlineUntil(now: number): Date {
  return new Date(now + ROOM_TOKEN_TTL_SECONDS * 1000 + ONLINE_MARGIN_MS);
}

/** Marks older than this (set before `now − grace`) may be cleared when the room has no socket. */
export function clearableBefore(now: number): Date {
  return new Date(onlineUntil(now).getTime() - SOCKET_GRACE_MS);
}
