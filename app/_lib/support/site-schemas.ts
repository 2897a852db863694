import { z } from "zod";
import { MAX_ORIGINS, parseAllowedOrigins } from "./origin";

/** The admin form's fields for a site; messages are catalogue keys (see guarded-action.ts). */

export const siteName = z
  .string()
  .trim()
  .min(1, "sites.validation.nameRequired")
  .max(80, "sites.validation.nameTooLong");

/** One origin a line in, stored normalised one a line, so what is checked is what is shown. */
export const allowedOrigins = z.string().transform((text, ctx) => {
  const parsed = parseAllowedOrigins(text);
  if (!parsed.ok) {
    ctx.addIssue({
      code: "custom",
      message: "sites.validation.origin",
      params: { line: parsed.bad },
    });
    return z.NEVER;
  }
  if (parsed.origins.length === 0) {
    ctx.addIssue({ code: "custom", message: "sites.validation.originsRequired" });
    return z.NEVER;
  }
  if (parsed.origins.length > MAX_ORIGINS) {
    ctx.addIssue({
      code: "custom",
      message: "sites.validation.originsTooMany",
      params: { maximum: MAX_ORIGINS },
    });
    return z.NEVER;
  }
  return parsed.origins.join("\n");
});

export const greeting = z.string().trim().max(500, "sites.validation.greetingTooLong").default("");

export const accentColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "sites.validation.accent")
  .transform((c) => c.toLowerCase());
