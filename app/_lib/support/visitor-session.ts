import "server-only";
import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { env } from "../env";
import { secureCookies } from "../session-cookie";

/**
 * The visitor's session inside the widget's iframe: a JWT (HS256) naming the visitor's user id
 * and site, signed with a key derived from NEXTAUTH_SECRET but distinct from the member
 * session's (a different audience and key), so one can never pass for the other. NextAuth and
 * the proxy never read it: a visitor holds no member session.
 *
 * It travels as an HttpOnly cookie, SameSite=None (the iframe is a third-party context on the
 * host page) with Partitioned (CHIPS), so browsers that partition third-party cookies keep one
 * per embedding site. Where no cookie can be stored at all, the page keeps the same token in
 * sessionStorage and sends it as the `x-visitor-session` header: a session-only visitor, gone
 * with the tab.
 */
const AUDIENCE = "chat-widget-visitor";
export const VISITOR_SESSION_MAX_AGE_S = 90 * 24 * 60 * 60;

const claimsSchema = z.object({
  sub: z.string().regex(/^\d+$/),
  site: z.number().int().positive(),
});

export type VisitorClaims = { userId: number; siteId: number };

function key(secret = env().NEXTAUTH_SECRET): Uint8Array {
  return createHash("sha256").update(`visitor-session:${secret}`).digest();
}

/** Signs a visitor session (with the app's secret; a test stack passes its own). */
export async function signVisitorSession(claims: VisitorClaims, secret?: string): Promise<string> {
  return new SignJWT({ site: claims.siteId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(String(claims.userId))
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${VISITOR_SESSION_MAX_AGE_S}s`)
    .sign(key(secret));
}

/** The visitor a token names, or null when it is missing, forged, expired or malformed. */
export async function readVisitorSession(
  token: string | null | undefined,
): Promise<VisitorClaims | null> {
  if (!token || token.length > 2000) return null;
  try {
    const { payload } = await jwtVerify(token, key(), {
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return null;
    return { userId: Number(parsed.data.sub), siteId: parsed.data.site };
  } catch {
    return null;
  }
}

/** One cookie per site, so a browser that talks to two of our sites keeps both visitors. */
export function visitorCookieName(siteKey: string): string {
  return `chat_visitor_${siteKey.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

/**
 * The cookie's attributes. Over https: SameSite=None; Secure; Partitioned, as a third-party
 * iframe needs. Over plain http (local dev and the tests on http://127.0.0.1) a Secure cookie
 * would be dropped and SameSite=None needs Secure, so Lax there; the tests open the widget
 * top-level, where Lax is sent. `secureCookies()` is the member session's same rule.
 */
export function visitorCookieOptions() {
  const secure = secureCookies();
  return {
    httpOnly: true,
    path: "/",
    maxAge: VISITOR_SESSION_MAX_AGE_S,
    secure,
    sameSite: secure ? ("none" as const) : ("lax" as const),
    ...(secure ? { partitioned: true } : {}),
  };
}
