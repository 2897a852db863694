import type { z } from "zod";
import { type MessageKey, type MessageValue, type Msg, msg } from "./message";
import { isMessageKey } from "./message-keys";

/** A value a message can carry; anything else a custom issue's params hold is left out. */
function isMessageValue(value: unknown): value is string | number | Date {
  return typeof value === "string" || typeof value === "number" || value instanceof Date;
}

/**
 * A zod issue as a message. Schemas give catalogue keys as their messages; the bound a length
 * check names becomes `{minimum}` / `{maximum}` and a custom issue's `params` its own values, so
 * the catalogue says "at least {minimum, number}" and stays true when the schema's number
 * changes. Zod's own wording (no key given) reads as the generic "Invalid input.".
 */
export function issueMessage(issue: z.core.$ZodIssue): Msg {
  if (!isMessageKey(issue.message)) return msg("common.errors.invalidInput");
  const values: Record<string, MessageValue> = {};
  if (issue.code === "too_small") values.minimum = Number(issue.minimum);
  if (issue.code === "too_big") values.maximum = Number(issue.maximum);
  if (issue.code === "custom") {
    for (const [name, value] of Object.entries(issue.params ?? {})) {
      if (isMessageValue(value)) values[name] = value;
    }
  }
  return msg(issue.message, Object.keys(values).length > 0 ? values : undefined);
}

/**
 * The first issue of each field, worded by `say`: what a form shows beside each wrong field.
 * An issue with no path (the whole form) counts as the field `form`.
 */
export function fieldMessages(
  issues: z.core.$ZodIssue[],
  say: (message: Msg) => string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= say(issueMessage(issue));
  return fields;
}

/**
 * A catalogue key as a schema's message (`.min(3, issueKey("auth.validation.usernameTooShort"))`).
 * Zod takes any string; this makes a mistyped key a compile error instead of "Invalid input.".
 */
export function issueKey(key: MessageKey): string {
  return key;
}
