/**
 * PARTY_SECRET is the one secret a deployer sets on both sides, but it does two jobs: signing
 * room tokens and proving a server-to-server call comes from the room or the app. Each job gets
 * its own key derived with HKDF, so a leak of one (a bearer in a proxy log, say) cannot forge the
 * other. Web Crypto only: the same code runs in Node (Next.js) and on Cloudflare (the room).
 */

/** HKDF `info` labels; a new version of either key gets a new label. */
const TOKEN_INFO = "room-token-v1";
const BEARER_INFO = "room-app-bearer-v1";
// A fixed salt is fine for HKDF with a high-entropy input; it only separates this project's keys.
const SALT = "chat-site/party-secret";

/** The shortest PARTY_SECRET accepted, in characters. */
export const MIN_SECRET_LENGTH = 32;

/** The two keys derived from PARTY_SECRET. */
export type RoomKeys = {
  /** HS256 key for room tokens. */
  tokenKey: Uint8Array;
  /** What goes after `Bearer ` on room ↔ app calls (base64url). */
  bearer: string;
};

const encoder = new TextEncoder();
const cache = new Map<string, Promise<RoomKeys>>();

async function derive(secret: string, info: string): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode(SALT), info: encoder.encode(info) },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** Base64url without padding, by hand: `btoa` exists on both runtimes, Buffer only on Node. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The token key and the bearer for a PARTY_SECRET (derived once per secret and process). */
export function roomKeys(secret: string): Promise<RoomKeys> {
  if (secret.length < MIN_SECRET_LENGTH) {
    return Promise.reject(
      new Error(`PARTY_SECRET must be at least ${MIN_SECRET_LENGTH} characters`),
    );
  }
  let keys = cache.get(secret);
  if (!keys) {
    keys = Promise.all([derive(secret, TOKEN_INFO), derive(secret, BEARER_INFO)]).then(
      ([tokenKey, bearer]) => ({ tokenKey, bearer: base64url(bearer) }),
    );
    // A process holds one or two secrets (a rotation); the cap only guards against misuse.
    if (cache.size > 8) cache.clear();
    cache.set(secret, keys);
  }
  return keys;
}

/** The `Authorization` header value for a room ↔ app call. */
export async function bearerHeader(secret: string): Promise<string> {
  return `Bearer ${(await roomKeys(secret)).bearer}`;
}

/**
 * Checks a server-to-server call's `Authorization` header against the bearer derived from
 * `secret`, in constant time. False (never a throw) for a short secret or a missing header.
 */
export async function hasBearer(header: string | null, secret: string): Promise<boolean> {
  if (secret.length < MIN_SECRET_LENGTH) return false;
  const expected = await bearerHeader(secret);
  if (!header || header.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= header.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
