import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import {
  findChannelById,
  createChannel as insertChannel,
  updateChannel as saveChannel,
} from "@/db/queries/channels";
import { recordAction } from "@/db/queries/moderation";
import { defineAction, Refused } from "../guarded-action";
import { checkbox, id } from "./schemas";

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "Slug: lowercase letters, digits and -, at most 63 characters",
  );
const name = z.string().trim().min(1, "Name is required").max(80, "Name: at most 80 characters");
const topic = z.string().trim().max(255, "Topic: at most 255 characters").default("");

/** Creates a channel (admins). */
export const createChannel = defineAction({
  minRole: "admin",
  schema: z.object({ slug, name, topic }),
  async run({ actor, input }) {
    const created = await getDb().transaction(async (tx) => {
      const channel = await insertChannel({ db: tx, ...input, createdBy: actor.id });
      if (!channel) throw new Refused(`A channel with the slug "${input.slug}" exists already.`);
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "create_channel",
        targetChannelId: channel.id,
        details: { slug: channel.slug, name: channel.name },
      });
      return channel;
    });
    return `#${created.slug} created.`;
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
      .max(3600, "Slow mode: at most 3600 seconds")
      .default(0),
  }),
  async run({ actor, input }) {
    const channel = await findChannelById(input.channelId);
    if (!channel) throw new Refused("No such channel.");
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
    return `#${channel.slug} saved.`;
  },
});

/** Archives a channel (hidden, read by nobody, kept in the database) or brings it back (admins). */
export const setChannelArchived = defineAction({
  minRole: "admin",
  schema: z.object({ channelId: id, archived: checkbox }),
  async run({ actor, input }) {
    const channel = await findChannelById(input.channelId);
    if (!channel) throw new Refused("No such channel.");
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
    return input.archived ? `#${channel.slug} archived.` : `#${channel.slug} restored.`;
  },
});
