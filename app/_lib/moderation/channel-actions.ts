import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import {
  findChannelById,
  createChannel as insertChannel,
  updateChannel as saveChannel,
} from "@/db/queries/channels";
import { recordAction } from "@/db/queries/moderation";
import { msg } from "../../_i18n/message";
import { defineAction, Refused } from "../guarded-action";
import { checkbox, id } from "./schemas";

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "admin.validation.slug");
const name = z
  .string()
  .trim()
  .min(1, "admin.validation.nameRequired")
  .max(80, "admin.validation.nameTooLong");
const topic = z.string().trim().max(255, "admin.validation.topicTooLong").default("");

/** Creates a channel (admins). */
export const createChannel = defineAction({
  minRole: "admin",
  schema: z.object({ slug, name, topic }),
  async run({ actor, input }) {
    const created = await getDb().transaction(async (tx) => {
      const channel = await insertChannel({ db: tx, ...input, createdBy: actor.id });
      if (!channel) throw new Refused("admin.actions.slugTaken", { slug: input.slug });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "create_channel",
        targetChannelId: channel.id,
        details: { slug: channel.slug, name: channel.name },
      });
      return channel;
    });
    return msg("admin.actions.channelCreated", { slug: created.slug });
  },
});

/** Renames, sets the topic, read-only and slow mode of a channel (admins). */
export const updateChannel = defineAction({
  minRole: "admin",
  schema: z.object({
    channelId: id,
    name,
    topic,
    readOnly: checkbox,
    slowModeSeconds: z.coerce
      .number()
      .int()
      .min(0)
      .max(3600, "admin.validation.slowModeTooLong")
      .default(0),
  }),
  async run({ actor, input }) {
    const channel = await findChannelById(input.channelId);
    if (!channel) throw new Refused("admin.actions.noSuchChannel");
    const changes = {
      name: input.name,
      topic: input.topic,
      readOnly: input.readOnly,
      slowModeSeconds: input.slowModeSeconds,
    };
    const before = {
      name: channel.name,
      topic: channel.topic,
      readOnly: channel.readOnly,
      slowModeSeconds: channel.slowModeSeconds,
    };
    await getDb().transaction(async (tx) => {
      await saveChannel({ db: tx, id: channel.id, changes });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "update_channel",
        targetChannelId: channel.id,
        details: { before, after: changes },
      });
    });
    return msg("admin.actions.channelSaved", { slug: channel.slug });
  },
});

/** Archives a channel (hidden, read by nobody, kept in the database) or brings it back (admins). */
export const setChannelArchived = defineAction({
  minRole: "admin",
  schema: z.object({ channelId: id, archived: checkbox }),
  async run({ actor, input }) {
    const channel = await findChannelById(input.channelId);
    if (!channel) throw new Refused("admin.actions.noSuchChannel");
    await getDb().transaction(async (tx) => {
      await saveChannel({
        db: tx,
        id: channel.id,
        changes: { archivedAt: input.archived ? new Date() : null },
      });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: input.archived ? "archive_channel" : "unarchive_channel",
        targetChannelId: channel.id,
      });
    });
    return msg(input.archived ? "admin.actions.channelArchived" : "admin.actions.channelRestored", {
      slug: channel.slug,
    });
  },
});
