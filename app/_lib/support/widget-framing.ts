import "server-only";
import { findSiteByPublicKey } from "@/db/queries/sites";
import { siteOrigins } from "./origin";

/**
 * The origins that may frame the widget page of the site with this key: its allowed origins while
 * it is active, none when it is unknown or archived, and none when the database cannot say (the
 * page cannot render then anyway). Read per request by proxy.ts, so removing an origin or
 * archiving a site takes effect at the next page load.
 */
export async function widgetFrameOrigins(publicKey: string): Promise<string[]> {
  try {
    const site = await findSiteByPublicKey(publicKey);
    return site && !site.archivedAt ? siteOrigins(site) : [];
  } catch {
    return [];
  }
}
