import { describe, expect, it } from "vitest";
import { base64url, bearerHeader, hasBearer, roomKeys } from "@/party/keys";

const SECRET = "k".repeat(40);

describe("keys derived from PARTY_SECRET", () => {
  it("gives two different keys, neither of them the secret, the same every time", async () => {
    const a = await roomKeys(SECRET);
    const b = await roomKeys(`${SECRET}`.slice(0));
    expect(a.tokenKey).toHaveLength(32);
    expect(base64url(a.tokenKey)).not.toBe(a.bearer);
    expect(a.bearer).not.toContain(SECRET);
    expect(new TextDecoder().decode(a.tokenKey)).not.toBe(SECRET);
    expect(b).toEqual(a);
    expect((await roomKeys("o".repeat(40))).bearer).not.toBe(a.bearer);
  });

  it("accepts only the derived bearer: not the secret, not the token key", async () => {
    const { tokenKey } = await roomKeys(SECRET);
    expect(await hasBearer(await bearerHeader(SECRET), SECRET)).toBe(true);
    expect(await hasBearer(`Bearer ${SECRET}`, SECRET)).toBe(false);
    expect(await hasBearer(`Bearer ${base64url(tokenKey)}`, SECRET)).toBe(false);
    expect(await hasBearer(null, SECRET)).toBe(false);
    expect(await hasBearer((await bearerHeader(SECRET)).slice(0, -1), SECRET)).toBe(false);
  });

  it("refuses a short secret: derived keys are only as strong as what they come from", async () => {
    await expect(roomKeys("short")).rejects.toThrow(/at least 32/);
    expect(await hasBearer("Bearer x", "short")).toBe(false);
  });
});
