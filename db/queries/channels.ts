import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "../index";
import { type Channel, channels } from "../schema";

/** Channels people can open, in name order; archived ones are left out. */
export async function listChannels(): Promise<Channel[]> {
  return getDb()
    .select()
    .from(channels)
    .where(isNull(channels.archivedAt))
    .orderBy(asc(channels.name));
}

/** The channel with this slug (archived or not), or null. */
export async function findChannelBySlug(slug: string): Promise<Channel | null> {
  const [row] = await getDb().select().from(channels).where(eq(channels.slug, slug)).limit(1);
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
