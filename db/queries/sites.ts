import "server-only";
import { asc, eq } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { type Site, sites } from "../schema";

/** What an admin sets on a site (the secret and the key are made by the action, not typed). */
export type SiteSettings = Pick<
  Site,
  "name" | "allowedOrigins" | "greeting" | "accentColor" | "requireVerified"
>;

/** Stores a new site; the public key is unique, so a (vanishingly unlikely) clash throws. */
export async function createSite(args: {
  db?: Executor;
  publicKey: string;
  settings: SiteSettings;
  secretCiphertext: string;
  createdBy: number | null;
}): Promise<Site> {
  const db = args.db ?? getDb();
  const [result] = await db.insert(sites).values({
    ...args.settings,
    publicKey: args.publicKey,
    secretCiphertext: args.secretCiphertext,
    createdBy: args.createdBy,
  });
  const [row] = await db.select().from(sites).where(eq(sites.id, result.insertId)).limit(1);
  if (!row) throw new Error(`Site ${result.insertId} vanished after insert`);
  return row;
}

/** Every site, archived ones included (the admin page), by name. */
export async function listSites(): Promise<Site[]> {
  return getDb().select().from(sites).orderBy(asc(sites.name), asc(sites.id));
}

/** The site with this id (archived or not), or null. */
export async function findSiteById(id: number, db: Executor = getDb()): Promise<Site | null> {
  const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
  return row ?? null;
}

/** The site with this public key (archived or not: callers decide), or null. */
export async function findSiteByPublicKey(publicKey: string): Promise<Site | null> {
  const [row] = await getDb().select().from(sites).where(eq(sites.publicKey, publicKey)).limit(1);
  return row ?? null;
}

/** Changes a site's settings, or archives / restores it. */
export async function updateSite(args: {
  db?: Executor;
  id: number;
  changes: Partial<SiteSettings> & { archivedAt?: Date | null };
}): Promise<void> {
  await (args.db ?? getDb()).update(sites).set(args.changes).where(eq(sites.id, args.id));
}

/** Replaces the signing secret: tokens signed with the old one stop verifying at once. */
export async function replaceSiteSecret(args: {
  db?: Executor;
  id: number;
  secretCiphertext: string;
}): Promise<void> {
  await (args.db ?? getDb())
    .update(sites)
    .set({ secretCiphertext: args.secretCiphertext, secretRotatedAt: new Date() })
    .where(eq(sites.id, args.id));
}
