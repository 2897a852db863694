import "server-only";
import { z } from "zod";
import { COMMON_PASSWORDS_TEXT } from "../_lib/common-passwords";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

// Built on first use: sign-in pages never pay for it.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split("\n").map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why this password may not be used, or null when it may: too short, too long, one of the 10,000
 * most common passwords (in any letter case), or little more than the account's username.
 */
export function checkPassword(
  password: string,
  context: { username?: string } = {},
): string | null {
  // Counted in code points, so an emoji is one character as a person would count it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    return "This password is too common: it is on lists attackers try first. Choose another";
  }
  const username = context.username?.toLowerCase();
  // "alice2024!!" is the username plus a guessable tail; a long passphrase that merely
  // contains the name is not.
  if (username && [...lower.replace(username, "")].length < PASSWORD_MIN_LENGTH) {
    return "Password is too close to your username";
  }
  return null;
}

/** A new password (sign-up, change password, the seeded admin's), refused with a clear reason. */
export const passwordSchema = z.string().superRefine((password, ctx) => {
  const problem = checkPassword(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
