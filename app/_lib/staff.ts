import "server-only";
import { forbidden, redirect } from "next/navigation";
import { findUserById } from "@/db/queries/users";
import type { Role, User } from "@/db/schema";
import { atLeast } from "./permissions";
import { isBanned } from "./restrictions";
import { getSessionUser } from "./session";

/**
 * For every admin page: the signed-in user's current row, if their role (read fresh from the
 * database, not from the session cookie) is at least `min`. Others get 403; visitors sign in.
 */
export async function requireStaff(path: string, min: Role = "moderator"): Promise<User> {
  const session = await getSessionUser();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const user = await findUserById(session.id);
  if (!user || isBanned(user) || !atLeast(user.role, min)) forbidden();
  return user;
}
