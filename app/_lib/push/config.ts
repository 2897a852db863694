import "server-only";
import { z } from "zod";

/** The server's VAPID identity: what signs every push request (RFC 8292). */
export type VapidConfig = { publicKey: string; privateKey: string; subject: string };

const base64url = (bytes: number) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url")
    // base64url without padding: 4 characters per 3 bytes, rounded up.
    .length(Math.ceil((bytes * 4) / 3), `must encode ${bytes} bytes`);

const schema = z.object({
  /** An uncompressed P-256 point: 65 bytes. */
  VAPID_PUBLIC_KEY: base64url(65),
  /** The P-256 private scalar: 32 bytes. */
  VAPID_PRIVATE_KEY: base64url(32),
  VAPID_SUBJECT: z
    .string()
    .trim()
    .regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: address or an https:// URL")
    .optional(),
});

let warned = "";

/**
 * The VAPID keys, or null when push is off. Push is optional: with the keys unset the site works
 * and Settings says push is unavailable. Malformed keys also turn it off (logged once) instead of
 * failing every request that merely asks whether push is on.
 */
export function vapidConfig(
  env: Record<string, string | undefined> = process.env,
): VapidConfig | null {
  if (!env.VAPID_PUBLIC_KEY && !env.VAPID_PRIVATE_KEY) return null;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
    if (warned !== problem) {
      warned = problem;
      console.error(`Web push is off: ${problem}. See .env.example.`);
    }
    return null;
  }
  return {
    publicKey: parsed.data.VAPID_PUBLIC_KEY,
    privateKey: parsed.data.VAPID_PRIVATE_KEY,
    subject: parsed.data.VAPID_SUBJECT ?? defaultSubject(env.NEXTAUTH_URL),
  };
}

/**
 * Push services want a way to reach the sender; the site's own https address serves when no
 * subject is set. Anything else (a local http run) gets a placeholder address that never
 * receives mail, which push services accept.
 */
function defaultSubject(siteUrl: string | undefined): string {
  if (siteUrl?.startsWith("https://")) return new URL(siteUrl).origin;
  return "mailto:push@example.invalid";
}
