/** Reads one request header by name (lower case), whatever shape the headers come in. */
export type HeaderGetter = (name: string) => string | null | undefined;

const MAX_LENGTH = 64;

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, MAX_LENGTH).toLowerCase() : null;
}

/**
 * The client's address, for throttling. Which header can be trusted depends on who wrote it:
 * - On Vercel (`VERCEL` set) the platform overwrites `x-forwarded-for`; its first entry is the
 *   client.
 * - Self-hosted, `next start` must sit behind a reverse proxy that sets `x-real-ip` from the
 *   socket (nginx: `proxy_set_header X-Real-IP $remote_addr;`), overwriting what a client sent.
 *   Without that header, the last `x-forwarded-for` entry is used: Next.js fills the header from
 *   the socket when nobody sent one. A client talking to `next start` directly can send either
 *   header itself, so there the per-username throttle is the one that holds.
 */
export function clientAddress(
  header: HeaderGetter,
  onVercel: boolean = Boolean(process.env.VERCEL),
): string {
  const forwarded = header("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (onVercel) return clean(forwarded?.[0]) ?? "unknown";
  return clean(header("x-real-ip")) ?? clean(forwarded?.at(-1)) ?? "unknown";
}
