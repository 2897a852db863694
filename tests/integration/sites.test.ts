import { and, desc, eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  createSite,
  rotateSiteSecret,
  setSiteArchived,
  updateSiteSettings,
} from "@/app/_lib/support/site-actions";
import { decryptSiteSecret } from "@/app/_lib/support/site-secret";
import { verifySiteVisitorToken } from "@/app/_lib/support/visitor-identity";
import { widgetFrameOrigins } from "@/app/_lib/support/widget-framing";
import { getDb } from "@/db";
import { findSiteById, findSiteByPublicKey, listSites } from "@/db/queries/sites";
import { moderationActions, type Site, sites, type User } from "@/db/schema";
import { makeUser, unique } from "../support/factories";

const appSecret = () => process.env.NEXTAUTH_SECRET ?? "";

async function made(actor: User, name: string, extra: Record<string, string> = {}) {
  const result = await createSite.runAs(actor, {
    name,
    allowedOrigins: "https://shop.example\nhttp://localhost:4100",
    greeting: "Hi!",
    accentColor: "#112233",
    ...extra,
  });
  expect(result).toMatchObject({ ok: true });
  const [row] = await getDb().select().from(sites).where(eq(sites.name, name)).limit(1);
  if (!row || !result.ok || !result.secret) throw new Error("site not created");
  return { site: row, secret: result.secret };
}

function token(secret: string, sub = "customer-1") {
  return new SignJWT({ sub })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(secret));
}

async function auditFor(siteId: number) {
  const rows = await getDb()
    .select()
    .from(moderationActions)
    .orderBy(desc(moderationActions.id))
    .limit(50);
  return rows.filter((r) => JSON.parse(r.details ?? "{}").siteId === siteId);
}

describe("sites", () => {
  it("an admin creates one: the secret is answered once and stored only encrypted", async () => {
    const admin = await makeUser({ role: "admin" });
    const name = unique("Shop");
    const { site, secret } = await made(admin, name);
    expect(site.publicKey).toMatch(/^[0-9a-f]{24}$/);
    expect(site.allowedOrigins).toBe("https://shop.example\nhttp://localhost:4100");
    expect(site.accentColor).toBe("#112233");
    expect(site.requireVerified).toBe(false);
    expect(site.createdBy).toBe(admin.id);
    expect(site.secretCiphertext).not.toContain(secret);
    expect(decryptSiteSecret(site.secretCiphertext, appSecret())).toBe(secret);
    expect((await findSiteByPublicKey(site.publicKey))?.id).toBe(site.id);
    expect((await listSites()).some((s) => s.id === site.id)).toBe(true);
    const audit = await auditFor(site.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["create_site", admin.id]]);
    // The secret is in no audit row.
    expect(audit[0]?.details).not.toContain(secret);
  });

  it("refuses members, moderators and bad input", async () => {
    for (const role of ["member", "agent", "moderator"] as const) {
      const user = await makeUser({ role });
      const result = await createSite.runAs(user, {
        name: unique("Nope"),
        allowedOrigins: "https://shop.example",
        accentColor: "#000000",
      });
      expect(result).toMatchObject({ ok: false, message: "You are not allowed to do that." });
    }
    const admin = await makeUser({ role: "admin" });
    const bad = await createSite.runAs(admin, {
      name: "x",
      allowedOrigins: "https://shop.example/path",
      accentColor: "#000000",
    });
    expect(bad).toMatchObject({
      ok: false,
      fields: { allowedOrigins: expect.stringContaining("https://shop.example/path") },
    });
    expect(
      await createSite.runAs(admin, {
        name: "x",
        allowedOrigins: "http://shop.example",
        accentColor: "#000000",
      }),
    ).toMatchObject({ ok: false });
    expect(
      await createSite.runAs(admin, {
        name: "x",
        allowedOrigins: "https://shop.example",
        accentColor: "red",
      }),
    ).toMatchObject({ ok: false });
  });

  it("edits and archives; an archived site frames nowhere", async () => {
    const admin = await makeUser({ role: "admin" });
    const { site } = await made(admin, unique("Edit"));
    expect(await widgetFrameOrigins(site.publicKey)).toEqual([
      "https://shop.example",
      "http://localhost:4100",
    ]);
    const saved = await updateSiteSettings.runAs(admin, {
      siteId: String(site.id),
      name: `${site.name}2`,
      allowedOrigins: "https://other.example",
      greeting: "",
      accentColor: "#AABBCC",
      requireVerified: "on",
    });
    expect(saved).toMatchObject({ ok: true });
    const after = (await findSiteById(site.id)) as Site;
    expect(after).toMatchObject({
      name: `${site.name}2`,
      allowedOrigins: "https://other.example",
      accentColor: "#aabbcc",
      requireVerified: true,
    });
    expect(await widgetFrameOrigins(site.publicKey)).toEqual(["https://other.example"]);
    expect(
      await setSiteArchived.runAs(admin, { siteId: String(site.id), archived: "true" }),
    ).toMatchObject({ ok: true });
    expect((await findSiteById(site.id))?.archivedAt).toBeInstanceOf(Date);
    expect(await widgetFrameOrigins(site.publicKey)).toEqual([]);
    expect(await widgetFrameOrigins("000000000000000000000000")).toEqual([]);
    expect(
      await setSiteArchived.runAs(admin, { siteId: String(site.id), archived: "false" }),
    ).toMatchObject({ ok: true });
    expect((await findSiteById(site.id))?.archivedAt).toBeNull();
    expect((await auditFor(site.id)).map((a) => a.action)).toEqual([
      "update_site",
      "update_site",
      "update_site",
      "create_site",
    ]);
    const member = await makeUser();
    expect(
      await setSiteArchived.runAs(member, { siteId: String(site.id), archived: "true" }),
    ).toMatchObject({ ok: false });
    expect(
      await updateSiteSettings.runAs(admin, {
        siteId: "999999999",
        name: "x",
        allowedOrigins: "https://a.example",
        accentColor: "#000000",
      }),
    ).toMatchObject({ ok: false, message: "No such website." });
  });

  it("rotating replaces the secret: the old one no longer verifies, the new one does", async () => {
    const admin = await makeUser({ role: "admin" });
    const { site, secret: old } = await made(admin, unique("Rotate"));
    expect(await verifySiteVisitorToken(site, await token(old))).toMatchObject({
      ok: true,
      sub: "customer-1",
    });

    const rotated = await rotateSiteSecret.runAs(admin, { siteId: String(site.id) });
    if (!rotated.ok || !rotated.secret) throw new Error("not rotated");
    expect(rotated.secret).not.toBe(old);
    const after = (await findSiteById(site.id)) as Site;
    expect(after.secretCiphertext).not.toBe(site.secretCiphertext);
    expect(after.secretRotatedAt.getTime()).toBeGreaterThanOrEqual(site.secretRotatedAt.getTime());
    expect(await verifySiteVisitorToken(after, await token(old))).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifySiteVisitorToken(after, await token(rotated.secret))).toMatchObject({
      ok: true,
    });
    const audit = await getDb()
      .select()
      .from(moderationActions)
      .where(
        and(
          eq(moderationActions.action, "rotate_site_secret"),
          eq(moderationActions.actorId, admin.id),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).not.toContain(rotated.secret);
    const moderator = await makeUser({ role: "moderator" });
    expect(await rotateSiteSecret.runAs(moderator, { siteId: String(site.id) })).toMatchObject({
      ok: false,
    });
    expect((await findSiteById(site.id))?.secretCiphertext).toBe(after.secretCiphertext);
  });
});
