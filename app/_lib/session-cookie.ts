import type { JWT } from "next-auth/jwt";
import { encode } from "next-auth/jwt";
import type { Role } from "@/db/schema";

/**
 * A session lasts 7 days from the last renewal, and is renewed at most once a day while used
 * (proxy.ts). Down from 30 days: a stolen or forgotten cookie is good for a week of idleness at
 * most, while someone who visits weekly never has to sign in again. Revocation does not wait for
 * expiry: `session_version` ends a session at once.
 */
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;
/** How old a session JWT may get before the proxy re-issues it with a fresh expiry. */
export const SESSION_UPDATE_AGE_S = 24 * 60 * 60;

/**
 * Whether cookies get the `__Secure-` prefix and the Secure flag: the same rule next-auth's
 * `getToken` applies, so NextAuth, the proxy and our own sign-in agree on the cookie's name.
 */
export function secureCookies(): boolean {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ?? Boolean(process.env.VERCEL);
}

/** The session cookie's name. */
export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The cookie attributes NextAuth itself gives the session cookie. */
export function sessionCookieOptions(maxAgeS: number = SESSION_MAX_AGE_S) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: secureCookies(),
    maxAge: maxAgeS,
  };
}

/** What a session JWT carries about its user. */
export type SessionSubject = {
  id: number;
  displayName: string;
  image: string | null;
  role: Role;
  sessionVersion: number;
};

/** The claims of a fresh session JWT, as the NextAuth jwt callback writes them too. */
export function sessionClaims(user: SessionSubject): JWT {
  return {
    sub: String(user.id),
    name: user.displayName,
    picture: user.image,
    role: user.role,
    sv: user.sessionVersion,
  };
}

/** Encrypts session claims into a cookie value NextAuth accepts, valid for SESSION_MAX_AGE_S. */
export function encodeSession(token: JWT): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: see .env.example");
  return encode({ token, secret, maxAge: SESSION_MAX_AGE_S });
}
