/**
 * The widget's own requests come from its iframe, which is our origin. The visitor cookie is
 * SameSite=None (it must reach a third-party iframe), so a request another website forges would
 * carry it: every widget route and action refuses a request a browser marks as cross-site.
 * ADAPTER: the widget branch's origin.ts checks the embedding site's origins (frame-ancestors,
 * the loader); this only checks that the caller is the widget page itself.
 */
export type HeaderGetter = (name: string) => string | null | undefined;

/** True when a browser says the request came from our own pages (or no browser says at all). */
export function isSameOriginRequest(header: HeaderGetter, ownHost: string | null): boolean {
  const site = header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = header("origin");
  if (origin && origin !== "null" && ownHost) {
    try {
      return new URL(origin).host === ownHost;
    } catch {
      return false;
    }
  }
  return origin !== "null";
}
