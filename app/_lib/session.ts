import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { Role } from "@/db/schema";
import { authOptions } from "../(auth)/auth";

/** Who the session says is signed in, from the JWT alone (no database round trip). */
export type SessionUser = { id: number; name: string; image: string | null; role: Role };

/** The signed-in user, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = Number(session?.user?.id);
  if (!session?.user || !Number.isSafeInteger(id) || id <= 0) return null;
  return {
    id,
    name: session.user.name ?? "",
    image: session.user.image ?? null,
    role: session.user.role,
  };
}

/** The signed-in user; a signed-out visitor is sent to /signin and comes back afterwards. */
export async function requireSessionUser(callbackPath = "/"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
