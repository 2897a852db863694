import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import { recordAction } from "@/db/queries/moderation";
import {
  findSiteById,
  createSite as insertSite,
  replaceSiteSecret,
  updateSite,
} from "@/db/queries/sites";
import type { Site } from "@/db/schema";
import { msg } from "../../_i18n/message";
import { env } from "../env";
import { defineAction, Refused } from "../guarded-action";
import { checkbox, id } from "../moderation/schemas";
import { accentColor, allowedOrigins, greeting, siteName } from "./site-schemas";
import { encryptSiteSecret, newPublicKey, newSiteSecret } from "./site-secret";

const settings = {
  name: siteName,
  allowedOrigins,
  greeting,
  accentColor,
  requireVerified: checkbox,
};

/** A new secret and what is stored of it: the clear text goes only into this one answer. */
function freshSecret(): { secret: string; ciphertext: string } {
  const secret = newSiteSecret();
  return { secret, ciphertext: encryptSiteSecret(secret, env().NEXTAUTH_SECRET) };
}

async function existing(siteId: number): Promise<Site> {
  const site = await findSiteById(siteId);
  if (!site) throw new Refused("sites.actions.noSuchSite");
  return site;
}

/** Registers a website (admins); answers with its signing secret, shown this once. */
export const createSite = defineAction({
  minRole: "admin",
  schema: z.object(settings),
  async run({ actor, input }) {
    const { secret, ciphertext } = freshSecret();
    const site = await getDb().transaction(async (tx) => {
      const created = await insertSite({
        db: tx,
        publicKey: newPublicKey(),
        settings: input,
        secretCiphertext: ciphertext,
        createdBy: actor.id,
      });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "create_site",
        details: {
          siteId: created.id,
          publicKey: created.publicKey,
          name: created.name,
          allowedOrigins: created.allowedOrigins.split("\n"),
        },
      });
      return created;
    });
    return { said: msg("sites.actions.created", { name: site.name }), secret };
  },
});

/** Changes a site's name, origins, greeting, colour and verified-only switch (admins). */
export const updateSiteSettings = defineAction({
  minRole: "admin",
  schema: z.object({ siteId: id, ...settings }),
  async run({ actor, input }) {
    const { siteId, ...after } = input;
    const site = await existing(siteId);
    const before = {
      name: site.name,
      allowedOrigins: site.allowedOrigins,
      greeting: site.greeting,
      accentColor: site.accentColor,
      requireVerified: site.requireVerified,
    };
    await getDb().transaction(async (tx) => {
      await updateSite({ db: tx, id: site.id, changes: after });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "update_site",
        details: { siteId: site.id, before, after },
      });
    });
    return msg("sites.actions.saved", { name: after.name });
  },
});

/** Archives a site (its widget stops loading everywhere) or restores it (admins). */
export const setSiteArchived = defineAction({
  minRole: "admin",
  schema: z.object({ siteId: id, archived: checkbox }),
  async run({ actor, input }) {
    const site = await existing(input.siteId);
    await getDb().transaction(async (tx) => {
      await updateSite({
        db: tx,
        id: site.id,
        changes: { archivedAt: input.archived ? new Date() : null },
      });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "update_site",
        details: { siteId: site.id, archived: input.archived },
      });
    });
    return msg(input.archived ? "sites.actions.archived" : "sites.actions.restored", {
      name: site.name,
    });
  },
});

/** Replaces a site's signing secret (admins); the old one stops verifying at once. */
export const rotateSiteSecret = defineAction({
  minRole: "admin",
  schema: z.object({ siteId: id }),
  async run({ actor, input }) {
    const site = await existing(input.siteId);
    const { secret, ciphertext } = freshSecret();
    await getDb().transaction(async (tx) => {
      await replaceSiteSecret({ db: tx, id: site.id, secretCiphertext: ciphertext });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "rotate_site_secret",
        details: { siteId: site.id },
      });
    });
    return { said: msg("sites.actions.rotated", { name: site.name }), secret };
  },
});
