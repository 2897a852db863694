import { describe, expect, it } from "vitest";
import {
  decryptSiteSecret,
  encryptSiteSecret,
  newSiteSecret,
} from "@/app/_lib/support/site-secret";

const appSecret = "a".repeat(43);

describe("site signing secrets at rest", () => {
  it("are 32 random bytes, base64url", () => {
    const secret = newSiteSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(newSiteSecret()).not.toBe(secret);
  });

  it("round-trip, fit the column, and never store the secret in the clear", () => {
    const secret = newSiteSecret();
    const stored = encryptSiteSecret(secret, appSecret);
    expect(stored.length).toBeLessThanOrEqual(255);
    expect(stored).not.toContain(secret);
    expect(decryptSiteSecret(stored, appSecret)).toBe(secret);
    // A fresh IV each time: the same secret does not encrypt to the same text.
    expect(encryptSiteSecret(secret, appSecret)).not.toBe(stored);
  });

  it("refuse a tampered text", () => {
    const stored = encryptSiteSecret(newSiteSecret(), appSecret);
    const [v, iv, body, tag] = stored.split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    expect(decryptSiteSecret([v, iv, flip(body), tag].join("."), appSecret)).toBeNull();
    expect(decryptSiteSecret([v, flip(iv), body, tag].join("."), appSecret)).toBeNull();
    expect(decryptSiteSecret([v, iv, body, flip(tag)].join("."), appSecret)).toBeNull();
    expect(decryptSiteSecret([v, iv, body].join("."), appSecret)).toBeNull();
    expect(decryptSiteSecret(`v2.${[iv, body, tag].join(".")}`, appSecret)).toBeNull();
    expect(decryptSiteSecret(`${stored}.x`, appSecret)).toBeNull();
    expect(decryptSiteSecret("", appSecret)).toBeNull();
  });

  it("refuse a text encrypted under another app secret", () => {
    const stored = encryptSiteSecret(newSiteSecret(), appSecret);
    expect(decryptSiteSecret(stored, "b".repeat(43))).toBeNull();
  });
});
