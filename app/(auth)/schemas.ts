import { z } from "zod";
import { issueKey as key } from "../_i18n/issue-message";
import { cleanDisplayName, isReservedName } from "./names";
import { checkPassword, passwordIssue, passwordSchema } from "./password";

export { checkPassword, PASSWORD_MIN_LENGTH, passwordSchema } from "./password";

// Messages are catalogue keys, translated where the form is answered; issue-message.ts turns a
// length check's bound into the message's {minimum} / {maximum}.

/** A username: the ASCII handle people sign in with and mention. */
export const usernameSchema = z
  .string()
  .trim()
  .min(3, key("auth.validation.usernameTooShort"))
  .max(32, key("auth.validation.usernameTooLong"))
  .regex(/^[a-zA-Z0-9_-]+$/, key("auth.validation.usernameCharacters"));

/**
 * A display name as stored: cleaned of invisible and bidi characters, then 1 to 64 long. Any
 * script is welcome (王小明, José, Ольга); only the username is ASCII.
 */
export const displayNameSchema = z
  .string()
  .transform(cleanDisplayName)
  .pipe(
    z
      .string()
      .min(1, key("auth.validation.displayNameRequired"))
      .max(64, key("auth.validation.displayNameTooLong")),
  );

/**
 * Sign-up form rules, enforced by the server action. Staff-like names are refused here, not in
 * the field schemas: the seed names the first admin itself.
 */
export const signUpSchema = z
  .object({
    username: usernameSchema.refine(
      (name) => !isReservedName(name),
      key("auth.validation.usernameReserved"),
    ),
    displayName: displayNameSchema.refine(
      (name) => !isReservedName(name),
      key("auth.validation.displayNameReserved"),
    ),
    password: passwordSchema,
  })
  .superRefine((input, ctx) => {
    // Only once every field is valid: a password is also judged against the username.
    const problem = checkPassword(input.password, { username: input.username });
    if (problem) ctx.addIssue({ ...passwordIssue(problem), path: ["password"] });
  });
export type SignUpInput = z.infer<typeof signUpSchema>;
