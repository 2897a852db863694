import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import {
  encodeSession,
  SESSION_UPDATE_AGE_S,
  sessionCookieName,
  sessionCookieOptions,
} from "./app/_lib/session-cookie";

/**
 * Sends signed-out visitors to /signin before any page renders. This is a convenience, not the
 * guard: every page, action and route checks the session again on the server (getCurrentUser).
 * It also slides the session: a JWT older than a day is re-issued with a fresh 7-day expiry, so
 * people who keep using the site stay signed in while an idle cookie dies within a week.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) {
    const response = NextResponse.next();
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
    return response;
  }
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 themselves, and the auth pages must stay reachable.
  matcher: ["/((?!api/|_next/|signin|signup|favicon.ico|robots.txt).*)"],
};
