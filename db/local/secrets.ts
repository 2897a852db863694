import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import webPush from "web-push";

const GENERATED = ["NEXTAUTH_SECRET", "PARTY_SECRET"] as const;

/**
 * Makes sure .env.local holds the secrets local use needs, generating random ones on first
 * run, so nothing has to be configured by hand. Existing values are never replaced.
 * Returns the names it wrote.
 */
export function ensureLocalSecrets(file = ".env.local"): string[] {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const missing = GENERATED.filter(
    (name) => !process.env[name] && !new RegExp(`^\\s*${name}\\s*=\\s*\\S`, "m").test(text),
  );
  if (missing.length === 0) return [];
  const lines = missing.map((name) => `${name}=${randomBytes(32).toString("base64url")}`);
  const header = text ? "" : "# Written by `npm run dev` on first run. Keep it out of git.\n";
  const separator = text && !text.endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${separator}${header}${lines.join("\n")}\n`, { mode: 0o600 });
  return [...missing];
}

const VAPID = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"] as const;

/**
 * Gives local use a VAPID key pair (web push), generated once into .env.local like the secrets
 * above. A pair half set by hand is left alone: generating the other half would not match it.
 * Returns the names it wrote.
 */
export function ensureVapidKeys(file = ".env.local"): string[] {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const present = VAPID.filter(
    (name) => process.env[name] || new RegExp(`^\\s*${name}\\s*=\\s*\\S`, "m").test(text),
  );
  if (present.length > 0) return [];
  const keys = webPush.generateVAPIDKeys();
  const lines = [`VAPID_PUBLIC_KEY=${keys.publicKey}`, `VAPID_PRIVATE_KEY=${keys.privateKey}`];
  const separator = text && !text.endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${separator}${lines.join("\n")}\n`, { mode: 0o600 });
  return [...VAPID];
}
