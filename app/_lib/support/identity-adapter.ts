import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { jwtVerify } from "jose";
import { z } from "zod";
import type { Site } from "@/db/schema";
import { env } from "../env";

/*
 * ADAPTER, to be replaced at merge: the widget branch owns identity.ts (`verifyVisitorToken`)
 * and the site secret's encryption. This file holds the two calls the conversation code makes,
 * written against the described signatures, with minimal stand-ins so this branch runs on its
 * own. At merge, `verifiedIdentity` should call their `verifyVisitorToken(token, secret)` and
 * their secret decryption, and this file goes away.
 */

/** What a verified identity token says about the site's own user. */
export type VisitorIdentity = { sub: string; name: string; email: string };

const claims = z.object({
  sub: z.string().min(1).max(191),
  name: z.string().max(80).optional(),
  email: z.string().max(255).optional(),
  iat: z.number().optional(),
  exp: z.number(),
});

/** Longest life a site may give an identity token. */
const MAX_TOKEN_LIFE_S = 10 * 60;

/** Stand-in for the widget branch's `verifyVisitorToken(token, secret)`: HS256, exp ≤ 10 min. */
export async function verifyVisitorToken(
  token: string,
  secret: string,
  now = Date.now(),
): Promise<VisitorIdentity | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      currentDate: new Date(now),
    });
    const parsed = claims.safeParse(payload);
    if (!parsed.success) return null;
    if (parsed.data.exp - now / 1000 > MAX_TOKEN_LIFE_S) return null;
    return { sub: parsed.data.sub, name: parsed.data.name ?? "", email: parsed.data.email ?? "" };
  } catch {
    return null;
  }
}

function secretKey(): Buffer {
  return createHash("sha256").update(`site-secret:${env().NEXTAUTH_SECRET}`).digest();
}

/**
 * Stand-in for the widget branch's secret decryption: AES-256-GCM, stored as
 * `v1.<iv>.<ciphertext+tag>` (base64url), key derived from NEXTAUTH_SECRET.
 */
export function openSiteSecret(ciphertext: string): string | null {
  const [version, iv, body] = ciphertext.split(".");
  if (version !== "v1" || !iv || !body) return null;
  try {
    const data = Buffer.from(body, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/** The stand-in's sealing, the inverse of openSiteSecret (the tests' site factory uses it). */
export function sealSiteSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The identity a token proves for this site, or null (forged, expired, too long-lived). */
export async function verifiedIdentity(site: Site, token: string): Promise<VisitorIdentity | null> {
  const secret = openSiteSecret(site.secretCiphertext);
  return secret ? verifyVisitorToken(token, secret) : null;
}
