import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { type Channel, channels } from "../schema";

/**
 * Only community channels: support conversations are channel rows too (one room engine), but
 * every query here leaves them out, so no channel path can reach one by accident; conversations
 * have their own queries, which check who may see them.
 */
const community = eq(channels.kind, "channel");

/** Channels people can open, in name order; archived ones are left out. */
export async function listChannels(): Promise<Channel[]> {
  return getDb()
    .select()
    .from(channels)
    .where(and(community, isNull(channels.archivedAt)))
    .orderBy(asc(channels.name));
}

/** The channel with this slug (archived or not), or null. */
export async function findChannelBySlug(slug: string): Promise<Channel | null> {
  const [row] = await getDb()
    .select()
    .from(channels)
    .where(and(community, eq(channels.slug, slug)))
    .limit(1);
  return row ?? null;
}

/** Creates the channel unless one with the slug exists; returns the stored channel. */
export async function ensureChannel(input: {
  slug: string;
  name: string;
  topic: string;
  createdBy?: number | null;
}): Promise<Channel> {
  const db = getDb();
  await db
    .insert(channels)
    .values({ ...input, createdBy: input.createdBy ?? null })
    .onDuplicateKeyUpdate({ set: { slug: input.slug } });
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.slug, input.slug)))
    .limit(1);
  if (!row) throw new Error(`Channel ${input.slug} vanished after insert`);
  return row;
}

/** Every channel, archived ones included (for the admin page), by name. */
export async function listAllChannels(): Promise<Channel[]> {
  return getDb().select().from(channels).where(community).orderBy(asc(channels.name));
}

/** The channel with this id, or null. */
export async function findChannelById(id: number): Promise<Channel | null> {
  const [row] = await getDb()
    .select()
    .from(channels)
    .where(and(community, eq(channels.id, id)))
    .limit(1);
  return row ?? null;
}

/** Creates a channel; null when the slug is taken. */
export async function createChannel(args: {
  db?: Executor;
  slug: string;
  name: string;
  topic: string;
  createdBy: number;
}): Promise<Channel | null> {
  const db = args.db ?? getDb();
  try {
    const [result] = await db.insert(channels).values({
      slug: args.slug,
      name: args.name,
      topic: args.topic,
      createdBy: args.createdBy,
    });
    const [row] = await db.select().from(channels).where(eq(channels.id, result.insertId)).limit(1);
    return row ?? null;
  } catch (error) {
    const code = (error as { code?: string; cause?: { code?: string } }).code;
    const causeCode = (error as { cause?: { code?: string } }).cause?.code;
    if (code === "ER_DUP_ENTRY" || causeCode === "ER_DUP_ENTRY") return null;
    throw error;
  }
}

/** Changes a channel's settings (any subset of them). */
export async function updateChannel(args: {
  db?: Executor;
  id: number;
  changes: Partial<Pick<Channel, "name" | "topic" | "readOnly" | "slowModeSeconds" | "archivedAt">>;
}): Promise<void> {
  await (args.db ?? getDb()).update(channels).set(args.changes).where(eq(channels.id, args.id));
}
