import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * A site's signing secret (HS256 for visitor identity tokens). The server must read it back to
 * verify tokens, so it is stored encrypted rather than hashed: AES-256-GCM under a key derived
 * (HKDF-SHA256) from the app's NEXTAUTH_SECRET, with a purpose label of its own so that key is
 * never the one that signs sessions. A database dump alone does not reveal any site's secret.
 */

const FORMAT = "v1";
const KEY_INFO = "chat/site-signing-secret/v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A site's public key: 24 hex characters, what /widget/<key> and the snippet carry. */
export function newPublicKey(): string {
  return randomBytes(12).toString("hex");
}

/** A fresh signing secret: 32 random bytes, base64url (43 characters). */
export function newSiteSecret(): string {
  return randomBytes(32).toString("base64url");
}

function keyFor(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "", KEY_INFO, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>`, each base64url: about 100 characters for a 43-character secret. */
export function encryptSiteSecret(secret: string, appSecret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(appSecret), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv, body, tag]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/**
 * The secret, or null when the text was not made by encryptSiteSecret under this app secret
 * (tampered with, truncated, or encrypted under another key): GCM's tag refuses all of those.
 */
export function decryptSiteSecret(stored: string, appSecret: string): string | null {
  const [format, iv, body, tag, extra] = stored.split(".");
  if (format !== FORMAT || !iv || !body || !tag || extra !== undefined) return null;
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(appSecret), ivBytes);
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}
