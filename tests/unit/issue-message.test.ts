import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issueKey, issueMessage } from "@/app/_i18n/issue-message";
import { msg } from "@/app/_i18n/message";
import { translate } from "@/app/_i18n/translate";

const firstIssue = (schema: z.ZodType, value: unknown) => {
  const issue = schema.safeParse(value).error?.issues[0];
  if (!issue) throw new Error("expected an issue");
  return issue;
};

describe("issueMessage", () => {
  it("gives a length check's bound to the message as {minimum} / {maximum}", () => {
    const name = z
      .string()
      .min(3, issueKey("auth.validation.usernameTooShort"))
      .max(32, issueKey("auth.validation.usernameTooLong"));
    expect(issueMessage(firstIssue(name, "ab"))).toEqual(
      msg("auth.validation.usernameTooShort", { minimum: 3 }),
    );
    expect(issueMessage(firstIssue(name, "a".repeat(40)))).toEqual(
      msg("auth.validation.usernameTooLong", { maximum: 32 }),
    );
  });

  it("passes a custom issue's params as values, leaving out what a message cannot hold", () => {
    const schema = z.string().superRefine((_, ctx) => {
      ctx.addIssue({
        code: "custom",
        message: "auth.password.tooShort",
        params: { min: 12, nested: { deep: true }, fn: () => 1 },
      });
    });
    const said = issueMessage(firstIssue(schema, "x"));
    expect(said).toEqual(msg("auth.password.tooShort", { min: 12 }));
    expect(translate("en", said)).toBe("Password must be at least 12 characters");
  });

  it("reads zod's own English, or any text that is not a key, as the generic message", () => {
    for (const issue of [
      firstIssue(z.string(), 5),
      firstIssue(z.string().min(2, "Too short, in English"), ""),
      firstIssue(z.string().min(2, "auth"), ""),
    ]) {
      expect(issueMessage(issue)).toEqual(msg("common.errors.invalidInput"));
    }
    expect(translate("zh-CN", msg("common.errors.invalidInput"))).toBe("输入无效。");
  });
});
