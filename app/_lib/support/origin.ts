import type { Site } from "@/db/schema";
import { WIDGET_EMBEDDER_HEADER } from "./widget-headers";

/**
 * Which web pages may use a site's widget: the site's allowed origins, one per line, each exactly
 * `scheme://host[:port]`. Pure (no database): callers pass the site row they loaded.
 */

/** Most origins one site may list: the list becomes a response header (frame-ancestors). */
export const MAX_ORIGINS = 20;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin `value` names, normalised as browsers send it (lower case, default port dropped), or
 * null when it is anything else: a path, query, fragment, credentials, a wildcard, another scheme,
 * or plain http to a host other than this machine (an http page can be tampered with in transit,
 * so only local development gets it).
 */
export function parseOrigin(value: string): string | null {
  const text = value.trim();
  if (text === "" || text.length > 255 || /[\s*]/.test(text)) return null;
  const match = /^(https?):\/\/([^/?#@]+)$/i.exec(text);
  if (!match) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) return null;
  return url.origin;
}

export type ParsedOrigins = { ok: true; origins: string[] } | { ok: false; bad: string };

/** The admin form's text, one origin a line; blank lines ignored, duplicates dropped. */
export function parseAllowedOrigins(text: string): ParsedOrigins {
  const origins: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const origin = parseOrigin(line);
    if (!origin) return { ok: false, bad: line.trim().slice(0, 100) };
    if (!origins.includes(origin)) origins.push(origin);
  }
  return { ok: true, origins };
}

/** A stored site's origins (stored already normalised by the admin form; parsed again anyway). */
export function siteOrigins(site: Pick<Site, "allowedOrigins">): string[] {
  const parsed = parseAllowedOrigins(site.allowedOrigins);
  return parsed.ok ? parsed.origins : [];
}

export type SiteForOrigin = Pick<Site, "allowedOrigins" | "archivedAt">;

export type OriginVerdict =
  | { ok: true; origin: string }
  | { ok: false; reason: "no_site" | "no_origin" | "not_allowed" };

function judge(site: SiteForOrigin | null, claimed: string | null): OriginVerdict {
  if (!site || site.archivedAt) return { ok: false, reason: "no_site" };
  const origin = claimed === null ? null : parseOrigin(claimed);
  if (!origin) return { ok: false, reason: "no_origin" };
  return siteOrigins(site).includes(origin)
    ? { ok: true, origin }
    : { ok: false, reason: "not_allowed" };
}

/**
 * For every widget API request (`/api/widget/*`). Two callers are possible:
 * - the host page itself (a cross-origin fetch): its `Origin` must be one of the site's;
 * - the chat page in our iframe: the browser must mark it same-origin (`Sec-Fetch-Site`, which no
 *   other website can forge with the visitor's cookie; Chromium sends no Origin at all on a
 *   same-origin GET), and the embedding origin it names in WIDGET_EMBEDDER_HEADER must still be
 *   one of the site's, so removing an origin or archiving the site stops open chats too, not only
 *   new page loads. Without Sec-Fetch-Site (an older browser), an Origin equal to `self` counts.
 * Anything else is refused: a request naming no origin, a cross-site one naming none of the
 * site's, and one carrying our own Origin that the browser nonetheless marks as not same-origin.
 */
export function checkWidgetOrigin(
  site: SiteForOrigin | null,
  request: { headers: Pick<Headers, "get"> },
  self?: string,
): OriginVerdict {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  const ours = self !== undefined && origin !== null && parseOrigin(origin) === parseOrigin(self);
  if (fetchSite === "same-origin" || (fetchSite === null && ours)) {
    return judge(site, request.headers.get(WIDGET_EMBEDDER_HEADER));
  }
  if (ours) return { ok: false, reason: "not_allowed" };
  return judge(site, origin);
}

/**
 * For the iframe page (`/widget/<site>?origin=…`): a navigation carries no Origin header, so the
 * loader passes the host page's origin in the query, and the Referer (the browser's, by default
 * the embedding page's origin) must not contradict it. This is a courtesy check that refuses early
 * with a clear page; the guard is the page's `frame-ancestors`, which the browser enforces.
 */
export function checkWidgetPageOrigin(
  site: SiteForOrigin | null,
  args: { origin: string | null; referer: string | null; self?: string },
): OriginVerdict {
  const verdict = judge(site, args.origin);
  if (!verdict.ok || !args.referer) return verdict;
  let refererOrigin: string;
  try {
    refererOrigin = new URL(args.referer).origin;
  } catch {
    return { ok: false, reason: "not_allowed" };
  }
  // The page's own origin (`self`) too: a form posted or a reload inside the frame refers to us.
  return refererOrigin === verdict.origin || refererOrigin === args.self
    ? verdict
    : { ok: false, reason: "not_allowed" };
}
