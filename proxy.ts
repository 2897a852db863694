import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";

/**
 * Sends signed-out visitors to /signin before any page renders. This is a convenience, not the
 * guard: every page, action and route checks the session again on the server.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 themselves, and the auth pages must stay reachable.
  matcher: ["/((?!api/|_next/|signin|signup|favicon.ico|robots.txt).*)"],
};
