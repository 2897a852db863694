import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { isConnectionError } from "@/db";
import type { Role, User } from "@/db/schema";
import { atLeast } from "./permissions";
import { isBanned } from "./restrictions";
import { getSessionState } from "./session";

/** What every form action answers: a sentence for the person, and which fields were wrong. */
export type ActionResult =
  | { ok: true; message: string }
  | { ok: false; message: string; fields?: Record<string, string> };

/** A form's server action as `useActionState` calls it: the last answer and the posted fields. */
export type FormServerAction = (
  previous: ActionResult | null,
  form: FormData,
) => Promise<ActionResult>;

/** Thrown by an action's `run` when the rules refuse this actor this target. */
export class Refused extends Error {}

export type ActionDefinition<S extends z.ZodType> = {
  /** The least role that may even try; finer rules (who may act on whom) live in `run`. */
  minRole: Role;
  schema: S;
  run: (ctx: { actor: User; input: z.output<S> }) => Promise<string>;
};

export type GuardedAction = {
  /** Runs for an actor already loaded from the database (the tests call this directly). */
  runAs(actor: User | null, raw: unknown): Promise<ActionResult>;
};

/**
 * Wraps an action so its checks run in one order that cannot be skipped: a signed-in, current
 * (not banned) user → at least the required role → input parsed by zod → the action's own rules.
 */
export function defineAction<S extends z.ZodType>(def: ActionDefinition<S>): GuardedAction {
  return {
    async runAs(actor, raw) {
      if (!actor) return { ok: false, message: "Sign in first." };
      if (isBanned(actor)) return { ok: false, message: "You are banned." };
      if (!atLeast(actor.role, def.minRole))
        return { ok: false, message: "You are not allowed to do that." };
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? "form");
          fields[key] ??= issue.message;
        }
        return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid input.", fields };
      }
      try {
        return { ok: true, message: await def.run({ actor, input: parsed.data }) };
      } catch (error) {
        if (error instanceof Refused) return { ok: false, message: error.message };
        if (isConnectionError(error)) {
          return {
            ok: false,
            message: "The database is unavailable. Nothing was changed; try again.",
          };
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
    let actor: User | null = null;
    try {
      // A banned user's row goes on to runAs, which refuses it with "You are banned.".
      const state = await getSessionState();
      actor = state.status === "signed-out" ? null : state.user;
    } catch (error) {
      if (isConnectionError(error))
        return { ok: false, message: "The database is unavailable. Try again." };
      throw error;
    }
    const input: Record<string, FormDataEntryValue> = {};
    for (const [key, value] of form.entries()) if (!key.startsWith("$ACTION")) input[key] = value;
    const result = await action.runAs(actor, input);
    if (result.ok && revalidate) revalidatePath(revalidate, "layout");
    return result;
  };
}
