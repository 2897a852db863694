import "server-only";
import { z } from "zod";
import { getDb } from "@/db";
import { listAllChannels } from "@/db/queries/channels";
import { recordAction } from "@/db/queries/moderation";
import {
  bumpSessionVersion,
  findUserById,
  type Restriction,
  setRestriction,
  setUserRole,
} from "@/db/queries/users";
import { ROLES, type User } from "@/db/schema";
import { msg } from "../../_i18n/message";
import { defineAction, Refused } from "../guarded-action";
import { type Actor, canRestrict, canSetRole } from "../permissions";
import { notifyRooms } from "../room-notify";
import { describeUntil, durationSchema, untilFor } from "./durations";
import { id, optionalReason, reason } from "./schemas";
import { SYSTEM_REASONS } from "./system-reasons";

type Verb = "ban" | "mute" | "unban" | "unmute";

async function target(actor: Actor, userId: number, verb: Verb): Promise<User> {
  const user = await findUserById(userId);
  if (!user) throw new Refused("admin.actions.noSuchUser");
  if (!canRestrict(actor, user)) {
    throw new Refused(`admin.actions.cannot.${verb}`, { user: user.username });
  }
  return user;
}

/** Imposes a ban or mute for a duration, with its audit row, in one transaction. */
function restrict(kind: Restriction, afterwards: (user: User) => Promise<void>) {
  return defineAction({
    minRole: "moderator",
    schema: z.object({ userId: id, duration: durationSchema, reason }),
    async run({ actor, input }) {
      const user = await target(actor, input.userId, kind);
      const until = untilFor(input.duration);
      await getDb().transaction(async (tx) => {
        await setRestriction({ db: tx, kind, userId: user.id, until, reason: input.reason });
        // A ban also ends every session, so lifting it does not revive a cookie issued before.
        if (kind === "ban") await bumpSessionVersion({ db: tx, userId: user.id });
        await recordAction({
          db: tx,
          actorId: actor.id,
          action: kind,
          targetUserId: user.id,
          reason: input.reason,
          details: { until: until.toISOString() },
        });
      });
      await afterwards(user);
      return msg(`admin.actions.${kind}Done`, { user: user.username, until: describeUntil(until) });
    },
  });
}

/** Lifts a ban or mute before it ends. */
function lift(kind: Restriction) {
  return defineAction({
    minRole: "moderator",
    schema: z.object({
      userId: id,
      reason: reason
        .optional()
        .default(kind === "ban" ? SYSTEM_REASONS.banLifted : SYSTEM_REASONS.muteLifted),
    }),
    async run({ actor, input }) {
      const user = await target(actor, input.userId, `un${kind}`);
      await getDb().transaction(async (tx) => {
        await setRestriction({ db: tx, kind, userId: user.id, until: null, reason: null });
        await recordAction({
          db: tx,
          actorId: actor.id,
          action: kind === "ban" ? "unban" : "unmute",
          targetUserId: user.id,
          reason: input.reason,
        });
      });
      return msg(`admin.actions.${kind}Lifted`, { user: user.username });
    },
  });
}

/** Bans a user for a time or for good: sockets close at once, sign-in and sends are refused. */
export const banUser = restrict("ban", async (user) => {
  const channels = await listAllChannels();
  await notifyRooms(
    channels.map((c) => c.slug),
    { type: "kick", userId: user.id },
  );
});
/** Lifts a ban early. */
export const unbanUser = lift("ban");
/** Mutes a user: they keep reading, every send is refused with when the mute ends. */
export const muteUser = restrict("mute", async () => {});
/** Lifts a mute early. */
export const unmuteUser = lift("mute");

/** Changes a user's role (admins only, never their own). */
export const setRole = defineAction({
  minRole: "admin",
  schema: z.object({
    userId: id,
    role: z.enum(ROLES),
    reason: optionalReason,
  }),
  async run({ actor, input }) {
    const user = await findUserById(input.userId);
    if (!user) throw new Refused("admin.actions.noSuchUser");
    if (!canSetRole(actor, user, input.role)) throw new Refused("admin.actions.ownRole");
    const role = msg(`admin.roles.${input.role}`);
    if (user.role === input.role) {
      return msg("admin.actions.roleUnchanged", { user: user.username, role });
    }
    await getDb().transaction(async (tx) => {
      await setUserRole({ db: tx, userId: user.id, role: input.role });
      await recordAction({
        db: tx,
        actorId: actor.id,
        action: "set_role",
        targetUserId: user.id,
        reason: input.reason,
        details: { from: user.role, to: input.role },
      });
    });
    return msg("admin.actions.roleSet", { user: user.username, role });
  },
});
