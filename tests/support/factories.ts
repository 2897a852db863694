/**
 * Test data made through the app's own queries: each test creates its own users and channels
 * with names unique to the run, so tests never share or depend on each other's rows.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { ensureChannel } from "@/db/queries/channels";
import { createUser } from "@/db/queries/users";
import { type Role, users } from "@/db/schema";

let counter = 0;
/** A short name unique to this process, e.g. for usernames and slugs. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}-${process.pid.toString(36)}${Date.now().toString(36).slice(-5)}${counter}`.slice(
    0,
    32,
  );
}

export async function makeUser(overrides: { role?: Role; displayName?: string } = {}) {
  const username = unique("u");
  const user = await createUser({
    username,
    displayName: overrides.displayName ?? `User ${username}`,
    role: overrides.role ?? "member",
    passwordHash: null,
  });
  if (!user) throw new Error("could not create test user");
  return user;
}

export async function makeChannel(overrides: { readOnly?: boolean } = {}) {
  const slug = unique("c").toLowerCase();
  const channel = await ensureChannel({ slug, name: slug, topic: "test channel" });
  if (overrides.readOnly) {
    const { channels } = await import("@/db/schema");
    await getDb().update(channels).set({ readOnly: true }).where(eq(channels.id, channel.id));
    return { ...channel, readOnly: true };
  }
  return channel;
}

export async function restrictUser(
  userId: number,
  field: "bannedUntil" | "mutedUntil",
  until: Date,
) {
  await getDb()
    .update(users)
    .set({ [field]: until })
    .where(eq(users.id, userId));
}

export const newClientId = () => randomUUID();
