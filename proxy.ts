import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, frameAncestorsFor, newNonce } from "./app/_lib/security-headers";
import {
  encodeSession,
  SESSION_UPDATE_AGE_S,
  sessionCookieName,
  sessionCookieOptions,
} from "./app/_lib/session-cookie";

// Pages a signed-out visitor must be able to open.
const PUBLIC_PAGES = new Set(["/signin", "/signup"]);

/**
 * Gives every page its Content-Security-Policy with a fresh nonce, and sends signed-out
 * visitors to /signin before any page renders. The redirect is a convenience, not the guard:
 * every page, action and route checks the session again on the server (getCurrentUser).
 * It also slides the session: a JWT older than a day is re-issued with a fresh 7-day expiry, so
 * people who keep using the site stay signed in while an idle cookie dies within a week.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    roomHost: process.env.ROOM_HOST,
    frameAncestors: frameAncestorsFor(pathname),
  });

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  // The support widget's visitors are never members: its page keeps its own visitor session.
  const publicPage = PUBLIC_PAGES.has(pathname) || pathname.startsWith("/widget/");
  if (!token && !publicPage) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + request.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }

  // Next.js reads the policy from the request to put the nonce on the scripts it renders;
  // x-nonce is for our own server components, should one render a <Script>.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (token) {
    const issuedAt = typeof token.iat === "number" ? token.iat : 0;
    if (Date.now() / 1000 - issuedAt > SESSION_UPDATE_AGE_S) {
      // Same claims (session_version included), so a revoked session stays revoked.
      const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
      response.cookies.set(
        sessionCookieName(),
        await encodeSession(claims),
        sessionCookieOptions(),
      );
    }
  }
  return response;
}

export const config = {
  // Every page, the auth pages included (they need the policy too). API routes answer 401
  // themselves and hold no HTML; static files get the fixed headers from next.config.ts.
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt).*)"],
};
