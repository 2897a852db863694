import "server-only";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { isConnectionError } from "@/db";
import type { Role, User } from "@/db/schema";
import { fieldMessages, issueMessage } from "../_i18n/issue-message";
import { DEFAULT_LOCALE, type Locale } from "../_i18n/locales";
import { type MessageKey, type MessageValue, type Msg, msg } from "../_i18n/message";
import { translate } from "../_i18n/translate";
import { atLeast } from "./permissions";
import { isBanned } from "./restrictions";
import { getSessionState } from "./session";

/**
 * What every form action answers: a sentence for the person in their language, and which fields
 * were wrong.
 */
export type ActionResult =
  | { ok: true; message: string; secret?: string }
  | { ok: false; message: string; fields?: Record<string, string> };

/** A form's server action as `useActionState` calls it: the last answer and the posted fields. */
export type FormServerAction = (
  previous: ActionResult | null,
  form: FormData,
) => Promise<ActionResult>;

/** Thrown by an action's `run` when the rules refuse this actor this target, saying why. */
export class Refused extends Error {
  readonly reason: Msg;
  constructor(reason: MessageKey | Msg, values?: Record<string, MessageValue>) {
    const message = typeof reason === "string" ? msg(reason, values) : reason;
    super(message.key);
    this.reason = message;
  }
}

export type ActionDefinition<S extends z.ZodType> = {
  /** The least role that may even try; finer rules (who may act on whom) live in `run`. */
  minRole: Role;
  schema: S;
  /**
   * Does the work and says what was done. A schema's messages are catalogue keys
   * (`.min(1, "auth.validation.displayNameRequired")`), translated with the answer.
   */
  run: (ctx: { actor: User; input: z.output<S> }) => Promise<Msg | Revealing>;
};

/**
 * What an action answers when it made a secret the person must copy now (a site's signing
 * secret): it goes back in this one answer and is never stored in the clear or shown again.
 */
export type Revealing = { said: Msg; secret: string };

export type GuardedAction = {
  /**
   * Runs for an actor already loaded from the database, answering in `locale` (the tests call
   * this directly, in English).
   */
  runAs(actor: User | null, raw: unknown, locale?: Locale): Promise<ActionResult>;
};

/**
 * Wraps an action so its checks run in one order that cannot be skipped: a signed-in, current
 * (not banned) user → at least the required role → input parsed by zod → the action's own rules.
 */
export function defineAction<S extends z.ZodType>(def: ActionDefinition<S>): GuardedAction {
  return {
    async runAs(actor, raw, locale = DEFAULT_LOCALE) {
      const say = (key: MessageKey) => translate(locale, msg(key));
      if (!actor) return { ok: false, message: say("common.errors.signInFirst") };
      if (isBanned(actor)) return { ok: false, message: say("common.errors.banned") };
      if (!atLeast(actor.role, def.minRole))
        return { ok: false, message: say("common.errors.notAllowed") };
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        const fields = fieldMessages(parsed.error.issues, (m) => translate(locale, m));
        const first = parsed.error.issues[0];
        const message = first
          ? translate(locale, issueMessage(first))
          : say("common.errors.invalidInput");
        return { ok: false, message, fields };
      }
      try {
        const done = await def.run({ actor, input: parsed.data });
        if ("secret" in done)
          return { ok: true, message: translate(locale, done.said), secret: done.secret };
        return { ok: true, message: translate(locale, done) };
      } catch (error) {
        if (error instanceof Refused)
          return { ok: false, message: translate(locale, error.reason) };
        if (isConnectionError(error)) {
          return { ok: false, message: say("common.errors.databaseUnavailableNothingChanged") };
        }
        throw error;
      }
    },
  };
}

/**
 * A form's server action: loads the session's user fresh from the database, then runs. After a
 * change, `revalidate` (a path) is rendered again so the page shows the new state.
 */
export function formAction(action: GuardedAction, revalidate?: string) {
  return async (_previous: ActionResult | null, form: FormData): Promise<ActionResult> => {
    const locale = (await getLocale()) as Locale;
    let actor: User | null = null;
    try {
      // A banned user's row goes on to runAs, which refuses it with "You are banned.".
      const state = await getSessionState();
      actor = state.status === "signed-out" ? null : state.user;
    } catch (error) {
      if (isConnectionError(error)) {
        return { ok: false, message: translate(locale, msg("common.errors.databaseUnavailable")) };
      }
      throw error;
    }
    const input: Record<string, FormDataEntryValue> = {};
    for (const [key, value] of form.entries()) if (!key.startsWith("$ACTION")) input[key] = value;
    const result = await action.runAs(actor, input, locale);
    if (result.ok && revalidate) revalidatePath(revalidate, "layout");
    return result;
  };
}
