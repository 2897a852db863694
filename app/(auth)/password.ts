import "server-only";
import { z } from "zod";
import { type Msg, msg } from "../_i18n/message";
import { COMMON_PASSWORDS_TEXT } from "../_lib/common-passwords";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

// Built on first use: sign-in pages never pay for it.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split("\n").map((p) => p.toLowerCase()));
  return common;
}

/** Which rule a password breaks. Words come from passwordMessage, in the reader's language. */
export type PasswordProblem = "tooShort" | "tooLong" | "tooCommon" | "nearUsername";

/**
 * Why this password may not be used, or null when it may: too short, too long, one of the 10,000
 * most common passwords (in any letter case), or little more than the account's username.
 */
export function checkPassword(
  password: string,
  context: { username?: string } = {},
): PasswordProblem | null {
  // Counted in code points, so an emoji is one character as a person would count it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "tooLong";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "tooCommon";
  const username = context.username?.toLowerCase();
  // "alice2024!!" is the username plus a guessable tail; a long passphrase that merely
  // contains the name is not.
  if (username && [...lower.replace(username, "")].length < PASSWORD_MIN_LENGTH) {
    return "nearUsername";
  }
  return null;
}

/** What a person is told about a refused password. */
export function passwordMessage(problem: PasswordProblem): Msg {
  switch (problem) {
    case "tooShort":
      return msg("auth.password.tooShort", { min: PASSWORD_MIN_LENGTH });
    case "tooLong":
      return msg("auth.password.tooLong", { max: PASSWORD_MAX_LENGTH });
    case "tooCommon":
      return msg("auth.password.tooCommon");
    case "nearUsername":
      return msg("auth.password.nearUsername");
  }
}

/**
 * The zod issue for a refused password: the message is the catalogue key and its values travel
 * as params (see issueMessage), so the form's answer is translated where it is given.
 */
export function passwordIssue(problem: PasswordProblem) {
  const message = passwordMessage(problem);
  return { code: "custom" as const, message: message.key, params: message.values };
}

/** A new password (sign-up, change password, the seeded admin's), refused with a clear reason. */
export const passwordSchema = z.string().superRefine((password, ctx) => {
  const problem = checkPassword(password);
  if (problem) ctx.addIssue(passwordIssue(problem));
});
