import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../index";
import { type Site, sites } from "../schema";

/*
 * The two site reads the visitor's chat needs. The sites admin (/admin/sites, another branch)
 * owns creating and editing sites; these only read, so the two sides merge without touching
 * each other's queries.
 */

/** The site with this public key (the snippet's data-site), or null. */
export async function findSiteByPublicKey(publicKey: string): Promise<Site | null> {
  const [row] = await getDb().select().from(sites).where(eq(sites.publicKey, publicKey)).limit(1);
  return row ?? null;
}

/** The site with this id, or null. */
export async function findSiteById(id: number): Promise<Site | null> {
  const [row] = await getDb().select().from(sites).where(eq(sites.id, id)).limit(1);
  return row ?? null;
}

/**
 * Inserts a site row as given (the tests' factory; /admin/sites on the widget branch creates
 * sites with their own secret handling).
 */
export async function insertSite(values: typeof sites.$inferInsert): Promise<Site> {
  const db = getDb();
  const [result] = await db.insert(sites).values(values);
  const [row] = await db.select().from(sites).where(eq(sites.id, result.insertId)).limit(1);
  if (!row) throw new Error("The site vanished after insert");
  return row;
}
