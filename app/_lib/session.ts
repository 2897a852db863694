import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { findUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { authOptions } from "../(auth)/auth";
import { isBanned } from "./restrictions";

/**
 * Who is asking, judged from the session cookie and the user's current row:
 * - `signed-out`: no cookie, a forged or expired one, a deleted user, or a session issued before
 *   the user's `session_version` last changed (password change, "sign out everywhere");
 * - `banned`: a genuine session of a user whose ban is in force (even if the ban also bumped the
 *   version), so pages can say why instead of sending them to sign in again;
 * - `active`: a current session of a user in good standing, with their fresh row.
 */
export type SessionState =
  | { status: "signed-out" }
  | { status: "banned"; user: User }
  | { status: "active"; user: User };

/**
 * The session's state for this request. `cache` makes the layout, the page and their helpers
 * share one database read per request; a thrown connection error means MySQL is unreachable.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(authOptions);
  const id = Number(session?.user?.id);
  if (!session?.user || !Number.isSafeInteger(id) || id <= 0) return { status: "signed-out" };
  const user = await findUserById(id);
  // A widget visitor's row is never a member session, whatever cookie names it.
  if (!user || user.visitorSiteId !== null) return { status: "signed-out" };
  if (isBanned(user)) return { status: "banned", user };
  if (user.sessionVersion !== session.user.sessionVersion) return { status: "signed-out" };
  return { status: "active", user };
});

/** The signed-in user's current row, or null when signed out, revoked or banned. */
export async function getCurrentUser(): Promise<User | null> {
  const state = await getSessionState();
  return state.status === "active" ? state.user : null;
}

/**
 * For pages: the signed-in user's current row. A signed-out visitor is sent to /signin and comes
 * back to `callbackPath` afterwards; a banned user gets null (the chat layout says why, and the
 * page must render nothing of its own).
 */
export async function requireCurrentUser(callbackPath = "/"): Promise<User | null> {
  const state = await getSessionState();
  if (state.status === "signed-out") {
    redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  }
  return state.status === "active" ? state.user : null;
}
