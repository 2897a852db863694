import { z } from "zod";

/**
 * The password policy, in one place: sign-up and the settings page's password change both use
 * it, so a stronger rule here applies to both.
 */
export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

/** The rules for the name others see. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Display name is required")
  .max(64, "Display name must be at most 64 characters");

/** Sign-up form rules, shared by the form (for hints) and the server action (for enforcement). */
export const signUpSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3, "Username must be at least 3 characters")
    .max(32, "Username must be at most 32 characters")
    .regex(/^[a-zA-Z0-9_-]+$/, "Username may use letters, digits, _ and - only"),
  displayName: displayNameSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;
