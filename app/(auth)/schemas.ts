import { z } from "zod";
import { cleanDisplayName, isReservedName } from "./names";
import { checkPassword, passwordSchema } from "./password";

export { checkPassword, PASSWORD_MIN_LENGTH, passwordSchema } from "./password";

/** A username: the ASCII handle people sign in with and mention. */
export const usernameSchema = z
  .string()
  .trim()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(/^[a-zA-Z0-9_-]+$/, "Username may use letters, digits, _ and - only");

/** A display name as stored: cleaned of invisible and bidi characters, then 1 to 64 long. */
export const displayNameSchema = z
  .string()
  .transform(cleanDisplayName)
  .pipe(
    z
      .string()
      .min(1, "Display name is required")
      .max(64, "Display name must be at most 64 characters"),
  );

/**
 * Sign-up form rules, enforced by the server action. Staff-like names are refused here, not in
 * the field schemas: the seed names the first admin itself.
 */
export const signUpSchema = z
  .object({
    username: usernameSchema.refine(
      (name) => !isReservedName(name),
      "That username is reserved for staff. Choose another",
    ),
    displayName: displayNameSchema.refine(
      (name) => !isReservedName(name),
      "That display name is reserved for staff. Choose another",
    ),
    password: passwordSchema,
  })
  .superRefine((input, ctx) => {
    // Only once every field is valid: a password is also judged against the username.
    const problem = checkPassword(input.password, { username: input.username });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type SignUpInput = z.infer<typeof signUpSchema>;
