import "server-only";
import { z } from "zod";
import { bumpSessionVersion, setDisplayName, setPasswordHash } from "@/db/queries/users";
import { msg } from "../_i18n/message";
import { displayNameSchema, passwordSchema } from "../(auth)/schemas";
import { defineAction, Refused } from "./guarded-action";
import { hashPassword, SemaphoreFullError, verifyPassword } from "./passwords";
import {
  countAttempt,
  SIGN_IN_PER_USERNAME,
  throttledUntil,
  tooManyAttemptsMessage,
} from "./throttle";

/** Changes the signed-in user's display name. */
export const changeDisplayName = defineAction({
  minRole: "member",
  schema: z.object({ displayName: displayNameSchema }),
  async run({ actor, input }) {
    await setDisplayName({ userId: actor.id, displayName: input.displayName });
    return msg("settings.actions.displayNameSaved");
  },
});

/**
 * Changes the signed-in user's password after checking the current one, and ends their other
 * sessions. Wrong current passwords count against the same throttle as sign-in, so a stolen
 * session cannot be used to guess the password faster than the sign-in page allows.
 */
export const changePassword = defineAction({
  minRole: "member",
  schema: z.object({
    currentPassword: z.string().min(1, "settings.validation.currentPasswordRequired").max(200),
    newPassword: passwordSchema,
  }),
  async run({ actor, input }) {
    if (!actor.passwordHash) {
      throw new Refused("settings.actions.noPassword");
    }
    const throttle = [{ policy: SIGN_IN_PER_USERNAME, key: actor.username.toLowerCase() }];
    const blocked = await throttledUntil(throttle);
    if (blocked) throw new Refused(tooManyAttemptsMessage(blocked));
    try {
      if (!(await verifyPassword(actor.passwordHash, input.currentPassword))) {
        await countAttempt(throttle);
        throw new Refused("settings.actions.wrongCurrentPassword");
      }
      await setPasswordHash({
        userId: actor.id,
        passwordHash: await hashPassword(input.newPassword),
      });
    } catch (error) {
      if (error instanceof SemaphoreFullError) {
        throw new Refused("common.errors.busy");
      }
      throw error;
    }
    return msg("settings.actions.passwordChanged");
  },
});

/** Ends every session of the signed-in user, this one included. */
export const signOutEverywhere = defineAction({
  minRole: "member",
  schema: z.object({}),
  async run({ actor }) {
    await bumpSessionVersion({ userId: actor.id });
    return msg("settings.actions.signedOutEverywhere");
  },
});
