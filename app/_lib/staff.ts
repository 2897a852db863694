import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role, User } from "@/db/schema";
import { atLeast } from "./permissions";
import { getSessionState } from "./session";

/**
 * For every admin page: the signed-in user's current row, if their role (read fresh from the
 * database, not from the session cookie) is at least `min`. Others get 403; visitors sign in.
 */
export async function requireStaff(path: string, min: Role = "moderator"): Promise<User> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (state.status === "banned" || !atLeast(state.user.role, min)) forbidden();
  return state.user;
}
