import "server-only";
import { headers } from "next/headers";

/**
 * Our own public origin, as a host page's browser reaches us: NEXTAUTH_URL (the site's public URL,
 * which every deployment but Vercel sets), else the request's host and scheme. Used for the
 * snippet and the CSP lines shown to admins.
 */
export async function appOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting: fall back to what the request says.
    }
  }
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (process.env.VERCEL ? "https" : "http");
  return `${proto}://${host}`;
}

/** The snippet a site pastes into its pages. */
export function widgetSnippet(origin: string, publicKey: string): string {
  return `<script src="${origin}/widget.js" data-site="${publicKey}" async></script>`;
}

/** What a host page's own Content-Security-Policy must allow for the widget. */
export function hostPagePolicy(origin: string): string[] {
  return [`script-src ${origin}`, `frame-src ${origin}`];
}
