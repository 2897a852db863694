import "server-only";
import { and, asc, eq, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import { cleanDisplayName, isReservedName } from "../../app/(auth)/names";
import { type Executor, getDb } from "../index";
import { accounts, type NewUser, type Role, type User, users } from "../schema";
import { likeContains } from "./like";
import { readBaselineNow } from "./read-state";

/** The user with this id, or null. */
export async function findUserById(id: number, db: Executor = getDb()): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** The user with this username (compared case-insensitively by the column's collation), or null. */
export async function findUserByUsername(username: string): Promise<User | null> {
  const [row] = await getDb().select().from(users).where(eq(users.username, username)).limit(1);
  return row ?? null;
}

function isDuplicate(error: unknown): boolean {
  if ((error as { code?: string }).code === "ER_DUP_ENTRY") return true;
  return (error as { cause?: { code?: string } }).cause?.code === "ER_DUP_ENTRY";
}

/** Creates a user; returns null when the username (or email) is already taken. */
export async function createUser(input: NewUser, db: Executor = getDb()): Promise<User | null> {
  try {
    const [result] = await db
      .insert(users)
      .values({ ...input, readBaselineId: await readBaselineNow(db) });
    return findUserById(result.insertId, db);
  } catch (error) {
    if (isDuplicate(error)) return null;
    throw error;
  }
}

/**
 * Replaces a user's password hash and ends their other sessions (bumps session_version) in one
 * statement; returns the row as it now is.
 */
export async function setPasswordHash(args: {
  userId: number;
  passwordHash: string;
}): Promise<User | null> {
  const db = getDb();
  await db
    .update(users)
    .set({ passwordHash: args.passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, args.userId));
  return findUserById(args.userId, db);
}

/** Ends every session the user has (they carry the old session_version). */
export async function bumpSessionVersion(args: { db?: Executor; userId: number }): Promise<void> {
  await (args.db ?? getDb())
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, args.userId));
}

/** Sets the name others see. */
export async function setDisplayName(args: { userId: number; displayName: string }) {
  await getDb()
    .update(users)
    .set({ displayName: args.displayName })
    .where(eq(users.id, args.userId));
}

/** Remembers the language a person picked (null: follow the browser again). */
export async function setUserLocale(args: { userId: number; locale: string | null }) {
  await getDb().update(users).set({ locale: args.locale }).where(eq(users.id, args.userId));
}

/** What the posting rules need to know about each of these users: role, ban, mute, visitor or not. */
export async function findAuthorStanding(ids: number[]) {
  if (ids.length === 0) return [];
  return getDb()
    .select({
      id: users.id,
      role: users.role,
      bannedUntil: users.bannedUntil,
      mutedUntil: users.mutedUntil,
      visitorSiteId: users.visitorSiteId,
    })
    .from(users)
    .where(inArray(users.id, ids));
}

/** Sets a user's role. */
export async function setUserRole(args: {
  db?: Executor;
  userId: number;
  role: Role;
}): Promise<void> {
  await (args.db ?? getDb())
    .update(users)
    .set({ role: args.role })
    .where(eq(users.id, args.userId));
}

export type Restriction = "ban" | "mute";

/**
 * Bans or mutes a user until a time (null lifts it), with the reason shown to them. One
 * function for both: they differ only in which pair of columns they set.
 */
export async function setRestriction(args: {
  db?: Executor;
  kind: Restriction;
  userId: number;
  until: Date | null;
  reason: string | null;
}): Promise<void> {
  const set =
    args.kind === "ban"
      ? { bannedUntil: args.until, banReason: args.reason }
      : { mutedUntil: args.until, muteReason: args.reason };
  await (args.db ?? getDb()).update(users).set(set).where(eq(users.id, args.userId));
}

/** Users whose username or display name contains `q`, by username; cursor = username. */
export async function searchUsers(args: {
  q?: string;
  after?: string;
  limit: number;
}): Promise<User[]> {
  const where: SQL[] = [];
  if (args.q) {
    const match = or(likeContains(users.username, args.q), likeContains(users.displayName, args.q));
    if (match) where.push(match);
  }
  if (args.after) where.push(gt(users.username, args.after));
  return getDb()
    .select()
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.username))
    .limit(args.limit);
}

type OAuthProfile = {
  provider: string;
  providerAccountId: string;
  login: string;
  name: string | null;
  email: string | null;
  image: string | null;
};

async function findLinkedUser(db: Executor, profile: OAuthProfile): Promise<User | null> {
  const [linked] = await db
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(accounts.userId, users.id))
    .where(
      and(
        eq(accounts.provider, profile.provider),
        eq(accounts.providerAccountId, profile.providerAccountId),
      ),
    )
    .limit(1);
  return linked?.user ?? null;
}

/** Thrown inside the transaction when another request linked the same identity first. */
class AlreadyLinked extends Error {}

/**
 * Finds the user linked to an OAuth identity, or creates one on first sign-in with a free
 * username derived from the provider's login. The new user and its link are written in one
 * transaction, so a failure between the two never leaves a user nobody can sign in as; when two
 * first sign-ins race, the loser's user is rolled back and it returns the winner's.
 */
export async function upsertOAuthUser(profile: OAuthProfile): Promise<User> {
  const db = getDb();
  const linked = await findLinkedUser(db, profile);
  if (linked) {
    await db.update(users).set({ image: profile.image }).where(eq(users.id, linked.id));
    return { ...linked, image: profile.image };
  }
  // The sign-up rules hold here too: a provider's login or name may be "admin" or carry bidi
  // overrides. A staff-like login gets a neutral handle made from the provider's account id.
  const login = toUsername(profile.login);
  const base = isReservedName(login) ? toUsername(`user-${profile.providerAccountId}`) : login;
  // Cut by code points: a cut through a surrogate pair would not store as utf8mb4.
  const name = [...cleanDisplayName(profile.name || profile.login)].slice(0, 64).join("").trim();
  try {
    return await db.transaction(async (tx) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const username = attempt === 0 ? base : `${base.slice(0, 27)}-${attempt + 1}`;
        // A taken username fails only its own statement; the transaction carries on.
        const user = await createUser(
          {
            username,
            displayName: name && !isReservedName(name) ? name : username,
            // Two providers may report one email; keep the account usable rather than fail.
            email: null,
            image: profile.image,
          },
          tx,
        );
        if (!user) continue;
        try {
          await tx.insert(accounts).values({
            userId: user.id,
            provider: profile.provider,
            providerAccountId: profile.providerAccountId,
          });
        } catch (error) {
          if (isDuplicate(error)) throw new AlreadyLinked();
          throw error;
        }
        return user;
      }
      throw new Error(`No free username for ${profile.provider} login ${profile.login}`);
    });
  } catch (error) {
    if (!(error instanceof AlreadyLinked)) throw error;
    const winner = await findLinkedUser(db, profile);
    if (!winner) throw new Error(`The ${profile.provider} link vanished while signing in`);
    return winner;
  }
}

function toUsername(login: string): string {
  const cleaned = login
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .replace(/^-+|-+$/g, "");
  return (cleaned || "user").slice(0, 30);
}
