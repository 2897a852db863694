/**
 * Where to go after signing in: `raw` resolved against the page's origin, kept only when it
 * stays on that origin, and returned as a path. Anything else (`//evil.example`,
 * `/\evil.example`, `https://evil.example`, `javascript:`) gives "/".
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return "/";
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  // A path such as "/.//evil.example" resolves to "//evil.example", which a browser would read
  // as another host if it were used as a relative URL; one leading slash only.
  const path = url.pathname.replace(/^\/+/, "/");
  return `${path}${url.search}${url.hash}`;
}
