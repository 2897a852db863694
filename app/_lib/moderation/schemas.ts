import { z } from "zod";

/** Form fields arrive as strings; these read them into what the actions need. */
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const reason = z
  .string()
  .trim()
  .min(1, "Give a reason: it is shown to the user and kept in the audit log")
  .max(500, "Keep the reason under 500 characters");
export const optionalReason = z
  .string()
  .trim()
  .max(500, "Keep the reason under 500 characters")
  .default("");
/** An HTML checkbox: present ("on") when ticked, absent when not. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");
