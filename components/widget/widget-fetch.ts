import { VISITOR_SESSION_HEADER, WIDGET_EMBEDDER_HEADER } from "@/app/_lib/support/widget-headers";
import type { AppFetch } from "@/components/chat/app-fetch";

/** Where the page keeps a session-only visitor's token when no cookie can be stored. */
export const fallbackKey = (siteKey: string) => `chat-visitor:${siteKey}`;

/** The session-only visitor token, if this tab had to fall back to one. */
export function readFallbackToken(siteKey: string): string | null {
  try {
    return sessionStorage.getItem(fallbackKey(siteKey));
  } catch {
    return null;
  }
}

export function writeFallbackToken(siteKey: string, token: string | null): void {
  try {
    if (token) sessionStorage.setItem(fallbackKey(siteKey), token);
    else sessionStorage.removeItem(fallbackKey(siteKey));
  } catch {
    // Storage blocked too: the visitor lasts as long as this page.
  }
}

/**
 * How often the visitor's page asks who is online. "Seen" and closing arrive live as the room's
 * `conversation` frame; this poll (and one after every reconnect) covers what a room that was
 * out of reach did not say.
 */
export const STATE_POLL_MS = 30_000;

/**
 * A member route the room client asks (token, history, changes) as the widget's own route for a
 * visitor of `siteKey`; any other path unchanged.
 */
export function widgetApiPath(siteKey: string, path: string): string {
  const base = `/api/widget/${encodeURIComponent(siteKey)}`;
  if (path.startsWith("/api/party/token"))
    return `${base}/token${path.slice("/api/party/token".length)}`;
  if (path.startsWith("/api/channels/"))
    return `${base}/channels/${path.slice("/api/channels/".length)}`;
  return path;
}

/** The visitor's state poll (see STATE_POLL_MS). */
export function widgetStatePath(siteKey: string, slug: string): string {
  return `/api/widget/${encodeURIComponent(siteKey)}/state?channel=${encodeURIComponent(slug)}`;
}

/**
 * The room client's way to the app for a widget visitor: the same requests the channel page
 * makes, sent to the widget's routes (which read the visitor session, never a member's), with
 * the session-only token as a header when the tab had to fall back to one.
 */
export function widgetFetch(
  siteKey: string,
  fallbackToken: () => string | null,
  embedder: string | null = null,
): AppFetch {
  return (path, init) => {
    const mapped = widgetApiPath(siteKey, path);
    const headers = new Headers(init?.headers);
    const token = fallbackToken();
    if (token) headers.set(VISITOR_SESSION_HEADER, token);
    if (embedder) headers.set(WIDGET_EMBEDDER_HEADER, embedder);
    return fetch(mapped, { cache: "no-store", credentials: "same-origin", ...init, headers });
  };
}
