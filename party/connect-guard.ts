import type { RoomEnv } from "./env";
import { type RoomUser, verifyRoomToken } from "./token";
import { isUserRoomClaim } from "./user-room";

export type GuardResult =
  | { ok: true; user: RoomUser; expiresAt: number; issuedAt: number }
  | { ok: false; status: number; text: string };

/**
 * Decides whether a WebSocket upgrade may proceed: the Origin must be allowed (a browser always
 * sends one, so this stops cross-site WebSocket hijacking) and the token must be valid for this
 * channel. Non-browser clients send no Origin and are judged by their token alone. A person's
 * own room passes `user:<id>` as its channel; a channel room never takes a name of that shape,
 * so neither kind of token opens the other kind of room.
 */
export async function guardConnection(args: {
  url: string;
  origin: string | null;
  channel: string;
  env: RoomEnv;
  now?: number;
  /** Which kind of room: a channel's (default) or a person's own. */
  party?: "main" | "user";
}): Promise<GuardResult> {
  if (args.origin !== null && !args.env.allowedOrigins.has(args.origin)) {
    return { ok: false, status: 403, text: "Origin not allowed" };
  }
  if ((args.party === "user") !== isUserRoomClaim(args.channel)) {
    return { ok: false, status: 403, text: "The room token is for another channel" };
  }
  const token = new URL(args.url).searchParams.get("token");
  const result = await verifyRoomToken({
    token,
    channel: args.channel,
    secret: args.env.secret,
    now: args.now,
  });
  if (result.ok) {
    return { ok: true, user: result.user, expiresAt: result.expiresAt, issuedAt: result.issuedAt };
  }
  switch (result.reason) {
    case "missing":
      return { ok: false, status: 401, text: "A room token is required" };
    case "expired":
      return { ok: false, status: 401, text: "The room token has expired" };
    case "wrong_channel":
      return { ok: false, status: 403, text: "The room token is for another channel" };
    default:
      return { ok: false, status: 401, text: "The room token is invalid" };
  }
}
