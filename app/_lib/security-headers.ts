/**
 * The site's security headers as pure functions: the per-request Content-Security-Policy that
 * proxy.ts sends with every page, and the fixed headers next.config.ts sends with every response
 * (pages, API routes, static files). No `server-only` here: next.config.ts imports it too.
 */

/** A header as next.config's `headers()` lists it. */
export type Header = { key: string; value: string };

/**
 * Image hosts besides our own origin. Only GitHub sign-in fills a user's `image`, and GitHub
 * serves those avatars from this host.
 */
export const AVATAR_HOSTS = ["https://avatars.githubusercontent.com"] as const;

export type ContentSecurityPolicyOptions = {
  /** This response's nonce: Next.js puts it on its own scripts, nothing else may run. */
  nonce: string;
  /** `next dev`: React's dev tooling rebuilds server error stacks with eval. */
  dev: boolean;
  /** host[:port] of the room as the browser reaches it (ROOM_HOST); unset leaves it out. */
  roomHost: string | undefined;
  /** Origins allowed to frame the page; none by default (clickjacking). */
  frameAncestors?: readonly string[];
};

/**
 * The WebSocket origin the browser opens for `host`. partysocket picks plain `ws:` for loopback
 * and private-network hosts and `wss:` for the rest; this mirrors that rule so the policy allows
 * exactly the socket the page opens (tests/unit/security-headers.test.ts holds the two together).
 */
export function roomSocketOrigin(host: string): string {
  const bare = host.replace(/^(https?|wss?):\/\//, "").replace(/\/+$/, "");
  const second = bare.split(".")[1] ?? "";
  const plain =
    bare.startsWith("localhost:") ||
    bare.startsWith("127.0.0.1:") ||
    bare.startsWith("192.168.") ||
    bare.startsWith("10.") ||
    (bare.startsWith("172.") && second >= "16" && second <= "31") ||
    bare.startsWith("[::ffff:7f00:1]:");
  return `${plain ? "ws" : "wss"}://${bare}`;
}

/** Builds the page policy: scripts only by this response's nonce, sockets only to us and the room. */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const { nonce, dev, roomHost, frameAncestors = [] } = options;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic' lets the nonced bootstrap load Next's chunks; 'self' only matters to
    // browsers too old to know 'strict-dynamic'.
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    // React renders `style` attributes (avatar colours, sizes) and a nonce cannot cover an
    // attribute, so inline styles stay allowed. A nonce here would also switch 'unsafe-inline'
    // off. Styles cannot run script, and scripts are what the nonce guards.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", ...AVATAR_HOSTS],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(roomHost ? [roomSocketOrigin(roomHost)] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // GitHub sign-in is a script-driven navigation (next-auth's signIn fetches the URL, then
    // sets location), not a form post, so form-action can stay on our own origin.
    ["form-action", "'self'"],
    ["frame-ancestors", ...(frameAncestors.length > 0 ? frameAncestors : ["'none'"])],
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

const WIDGET_PAGE = /^\/widget\/([A-Za-z0-9_-]{1,32})(?:\/.*)?$/;

/** The site key of a support widget page (`/widget/<key>`, or below it), else null. */
export function widgetSiteKey(pathname: string): string | null {
  return WIDGET_PAGE.exec(pathname)?.[1] ?? null;
}

/**
 * Who may frame a page at `pathname`: nobody, except that a support widget page may be framed by
 * its site's allowed origins, which the caller looked up (`widgetOrigins`: empty for an unknown
 * or archived site, so its 404 is framable by nobody either).
 */
export function frameAncestorsFor(
  pathname: string,
  widgetOrigins: readonly string[] = [],
): readonly string[] {
  return widgetSiteKey(pathname) ? widgetOrigins : [];
}

/** A fresh nonce: 128 random bits, base64 (what a CSP nonce-source accepts). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/** The HSTS header: two years, subdomains included. Only ever sent over https in production. */
export const STRICT_TRANSPORT_SECURITY: Header = {
  key: "Strict-Transport-Security",
  value: `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
};

/** Headers every response carries, whatever it holds (page, JSON, script, image). */
export function commonSecurityHeaders(): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // The chat needs none of these powerful features; nor may anything it embeds.
    {
      key: "Permissions-Policy",
      value:
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), browsing-topics=()",
    },
    // For browsers without CSP frame-ancestors. Browsers that have it ignore this header when the
    // policy names frame-ancestors, so a framable widget page stays possible.
    { key: "X-Frame-Options", value: "DENY" },
  ];
}
