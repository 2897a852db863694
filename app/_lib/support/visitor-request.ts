import "server-only";
import { cookies, headers } from "next/headers";
import { findSiteByPublicKey } from "@/db/queries/sites";
import { findVisitor } from "@/db/queries/visitors";
import type { Site, User } from "@/db/schema";
import { clientAddress } from "../client-address";
import { HttpError } from "../route";
import { appOrigin } from "./app-origin";
import { checkWidgetOrigin } from "./origin";
import {
  readVisitorSession,
  signVisitorSession,
  visitorCookieName,
  visitorCookieOptions,
} from "./visitor-session";
import { VISITOR_SESSION_HEADER } from "./widget-headers";

/** The site a widget request is for: open (not archived), else 404. */
export async function widgetSite(siteKey: string): Promise<Site> {
  const site = siteKey.length <= 32 ? await findSiteByPublicKey(siteKey) : null;
  if (!site || site.archivedAt) throw new HttpError(404, "No such site");
  return site;
}

/**
 * Refuses (403) a widget API request that neither comes from the chat page framed by one of the
 * site's origins nor from one of those origins itself (checkWidgetOrigin).
 */
export async function requireWidgetOrigin(site: Site): Promise<void> {
  const verdict = checkWidgetOrigin(site, { headers: await headers() }, await appOrigin());
  if (!verdict.ok) throw new HttpError(403, "Cross-site request refused");
}

/** The client's address, as the sign-in throttle reads it. */
export async function requestAddress(): Promise<string> {
  const h = await headers();
  return clientAddress((n) => h.get(n));
}

/**
 * The visitor this request's session names on this site: the cookie, else the session-only
 * header, else `fallback` (the same token posted as a form field, which can carry no header).
 * Null when none holds a valid session for this very site (a forged token, another site's
 * visitor, a member's id).
 */
export async function currentVisitor(site: Site, fallback?: string | null): Promise<User | null> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const tokens = [
    jar.get(visitorCookieName(site.publicKey))?.value,
    h.get(VISITOR_SESSION_HEADER),
    fallback,
  ];
  for (const token of tokens) {
    const claims = await readVisitorSession(token);
    if (claims && claims.siteId === site.id) {
      const visitor = await findVisitor({ id: claims.userId, siteId: site.id });
      if (visitor) return visitor;
    }
  }
  return null;
}

/** Sets the visitor's cookie (in an action or route) and returns the token for the fallback. */
export async function rememberVisitor(site: Site, visitor: User): Promise<string> {
  const token = await signVisitorSession({ userId: visitor.id, siteId: site.id });
  (await cookies()).set(visitorCookieName(site.publicKey), token, visitorCookieOptions());
  return token;
}
