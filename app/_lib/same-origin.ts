import "server-only";

/**
 * True when a state-changing fetch comes from one of our own pages. The session cookie rides
 * along on requests another site starts (SameSite=Lax still sends it on some), so JSON routes
 * that act for the signed-in person check who made the request: the Origin header, which
 * browsers send on every POST and DELETE, must name the host the request was sent to.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || origin === "null" || !host) {
    // Without Origin, only a browser saying so itself (Fetch Metadata) is believed.
    return !origin && request.headers.get("sec-fetch-site") === "same-origin";
  }
  try {
    return new URL(origin).host === host.split(",")[0]?.trim();
  } catch {
    return false;
  }
}
