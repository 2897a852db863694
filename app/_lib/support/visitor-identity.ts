import "server-only";
import type { Site } from "@/db/schema";
import { env } from "../env";
import { type VerifiedIdentity, verifyVisitorToken } from "./identity";
import { decryptSiteSecret } from "./site-secret";

/**
 * Verifies a visitor token against a stored site: decrypts the site's signing secret, then
 * verifyVisitorToken. A secret that does not decrypt (NEXTAUTH_SECRET changed since it was made)
 * verifies nothing; rotating the site's secret mends it.
 */
export async function verifySiteVisitorToken(
  site: Pick<Site, "secretCiphertext">,
  token: string,
  now: number = Date.now(),
): Promise<VerifiedIdentity> {
  const secret = decryptSiteSecret(site.secretCiphertext, env().NEXTAUTH_SECRET);
  if (!secret) return { ok: false, reason: "bad_signature" };
  return verifyVisitorToken(token, secret, now);
}
