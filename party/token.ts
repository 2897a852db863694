/**
 * Room tokens: short-lived JWTs that Next.js mints for a signed-in user and one channel, and the
 * room verifies before a socket opens. HS256 with a key derived from PARTY_SECRET (keys.ts), never
 * the secret itself; jose runs on Node and on Cloudflare alike.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { roomKeys } from "./keys";
import { ROLE } from "./protocol";

/** How long a room token is valid. Short, because a query string can end up in access logs. */
export const ROOM_TOKEN_TTL_SECONDS = 5 * 60;
const ISSUER = "chat-site";
const AUDIENCE = "room";

const claimsSchema = z.object({
  sub: z.string().regex(/^\d+$/),
  // Required: the room refuses tokens issued before a kick, which needs to know when.
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  name: z.string(),
  image: z.string().nullable(),
  role: ROLE,
  channel: z.string(),
});

/** Who a verified token speaks for. */
export type RoomUser = {
  id: number;
  name: string;
  image: string | null;
  role: z.infer<typeof ROLE>;
};

export type VerifyResult =
  | {
      ok: true;
      user: RoomUser;
      channel: string;
      /** When the token expires, in ms since the epoch. */
      expiresAt: number;
      /** When it was issued, in ms since the epoch (whole seconds: JWT times are seconds). */
      issuedAt: number;
    }
  | { ok: false; reason: "missing" | "expired" | "invalid" | "wrong_channel" };

/** Signs a token for one user and one channel. */
export async function signRoomToken(args: {
  user: RoomUser;
  channel: string;
  secret: string;
  ttlSeconds?: number;
  now?: number;
}): Promise<string> {
  const iat = Math.floor((args.now ?? Date.now()) / 1000);
  return new SignJWT({
    name: args.user.name,
    image: args.user.image,
    role: args.user.role,
    channel: args.channel,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(String(args.user.id))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (args.ttlSeconds ?? ROOM_TOKEN_TTL_SECONDS))
    .sign((await roomKeys(args.secret)).tokenKey);
}

/** Verifies a token for a channel; never throws. */
export async function verifyRoomToken(args: {
  token: string | null | undefined;
  channel: string;
  secret: string;
  now?: number;
}): Promise<VerifyResult> {
  if (!args.token) return { ok: false, reason: "missing" };
  try {
    const { payload } = await jwtVerify(args.token, (await roomKeys(args.secret)).tokenKey, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: args.now === undefined ? undefined : new Date(args.now),
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: "invalid" };
    if (claims.data.channel !== args.channel) return { ok: false, reason: "wrong_channel" };
    return {
      ok: true,
      channel: claims.data.channel,
      expiresAt: claims.data.exp * 1000,
      issuedAt: claims.data.iat * 1000,
      user: {
        id: Number(claims.data.sub),
        name: claims.data.name,
        image: claims.data.image,
        role: claims.data.role,
      },
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    return { ok: false, reason: "invalid" };
  }
}
