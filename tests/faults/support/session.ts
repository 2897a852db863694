/**
 * A signed-in HTTP session outside a browser: NextAuth's own csrf + credentials endpoints, with
 * the cookies kept here, so a bot reaches the app exactly as a signed-in page does.
 */
export class Session {
  private readonly cookies = new Map<string, string>();

  private constructor(
    readonly appUrl: string,
    /** Sent on every request: what a browser would add for this caller (Sec-Fetch-Site, say). */
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** A session that already holds these cookies (a support widget visitor's, say). */
  static withCookies(
    appUrl: string,
    cookies: Record<string, string>,
    headers: Record<string, string> = {},
  ): Session {
    const session = new Session(appUrl, headers);
    for (const [name, value] of Object.entries(cookies)) session.cookies.set(name, value);
    return session;
  }

  /** Signs in with username and password; throws when NextAuth does not hand out a session. */
  static async signIn(appUrl: string, username: string, password: string): Promise<Session> {
    const session = new Session(appUrl);
    const csrf = await session.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken?: unknown };
    if (typeof csrfToken !== "string") throw new Error("NextAuth gave no csrf token");
    const response = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
    });
    if (!response.ok || ![...session.cookies.keys()].some((k) => k.endsWith("session-token"))) {
      throw new Error(`Sign-in as ${username} failed (${response.status})`);
    }
    return session;
  }

  /** A request to the app with this session's cookies; remembers any cookie it sets. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.extraHeaders)) headers.set(name, value);
    if (this.cookies.size > 0) {
      headers.set(
        "cookie",
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      );
    }
    const response = await fetch(`${this.appUrl}${path}`, {
      ...init,
      headers,
      redirect: "manual",
      cache: "no-store",
      signal: init.signal ?? AbortSignal.timeout(10_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return response;
  }
}
