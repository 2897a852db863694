import "server-only";
import { cookies } from "next/headers";
import { findUserById } from "@/db/queries/users";
import {
  encodeSession,
  sessionClaims,
  sessionCookieName,
  sessionCookieOptions,
} from "./session-cookie";

/**
 * Re-issues this browser's session cookie from the user's current row, e.g. after a password
 * change bumped session_version: the other sessions end, this one carries on.
 */
export async function reissueSessionCookie(userId: number): Promise<void> {
  const user = await findUserById(userId);
  if (!user) return;
  (await cookies()).set(
    sessionCookieName(),
    await encodeSession(sessionClaims(user)),
    sessionCookieOptions(),
  );
}

/** Removes this browser's session cookie. */
export async function clearSessionCookie(): Promise<void> {
  // Expired with the same attributes it was set with: a __Secure- cookie can only be
  // overwritten by a Secure one.
  (await cookies()).set(sessionCookieName(), "", sessionCookieOptions(0));
}
