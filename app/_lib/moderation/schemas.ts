import { z } from "zod";

/** Form fields arrive as strings; these read them into what the actions need. */
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Messages are catalogue keys: the action's answer is translated for whoever posted the form. */
export const reason = z
  .string()
  .trim()
  .min(1, "admin.validation.reasonRequired")
  .max(500, "admin.validation.reasonTooLong");
export const optionalReason = z
  .string()
  .trim()
  .max(500, "admin.validation.reasonTooLong")
  .default("");
/** An HTML checkbox: present ("on") when ticked, absent when not. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");
