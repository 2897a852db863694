import { describe, expect, it } from "vitest";
import { issueMessage } from "@/app/_i18n/issue-message";
import type { Locale } from "@/app/_i18n/locales";
import { translate } from "@/app/_i18n/translate";
import { COMMON_PASSWORDS_TEXT } from "@/app/_lib/common-passwords";
import {
  checkPassword,
  PASSWORD_MIN_LENGTH,
  passwordMessage,
  passwordSchema,
} from "@/app/(auth)/password";

/** What a person is told about `password`, or null when it is accepted. */
function say(password: string, context: { username?: string } = {}, locale: Locale = "en") {
  const problem = checkPassword(password, context);
  return problem && translate(locale, passwordMessage(problem));
}

describe("checkPassword", () => {
  it("ships the whole list of 10,000 common passwords", () => {
    const list = COMMON_PASSWORDS_TEXT.split("\n");
    expect(list).toHaveLength(10_000);
    expect(new Set(list).size).toBe(10_000);
  });

  it("wants at least 10 characters, counted as a person counts them", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(checkPassword("nine-char")).toBe("tooShort");
    expect(say("nine-char")).toBe("Password must be at least 10 characters");
    expect(checkPassword("ten-chars!")).toBeNull();
    // Five emoji are ten UTF-16 units but five characters.
    expect(say("🔑🔑🔑🔑🔑")).toMatch(/at least 10/);
  });

  it("refuses the common passwords of 10 or more characters, in any letter case", () => {
    for (const common of ["password123", "qwertyuiop", "QWERTYuiop", "1234567890", "1q2w3e4r5t"]) {
      expect(say(common)).toMatch(/too common/);
    }
  });

  it("accepts a long passphrase and refuses one past the maximum", () => {
    expect(checkPassword("correct horse battery staple")).toBeNull();
    expect(say("x".repeat(201))).toMatch(/at most 200/);
  });

  it("refuses the username with a short tail, not a passphrase that contains it", () => {
    expect(say("alice2024!", { username: "Alice" })).toMatch(/username/);
    expect(checkPassword("alice in wonderland tea", { username: "alice" })).toBeNull();
  });

  it("says every refusal in Chinese too, with the rule's own numbers", () => {
    expect(say("short", {}, "zh-CN")).toBe("密码至少需要 10 个字符");
    expect(say("x".repeat(201), {}, "zh-CN")).toBe("密码最多 200 个字符");
    expect(say("qwertyuiop", {}, "zh-CN")).toMatch(/太常见/);
    expect(say("alice2024!", { username: "alice" }, "zh-CN")).toBe("密码与用户名过于相似");
  });

  it("is the rule behind passwordSchema, whose message is translated where it is shown", () => {
    expect(passwordSchema.safeParse("qwertyuiop").success).toBe(false);
    const issue = passwordSchema.safeParse("short").error?.issues[0];
    expect(issue && translate("en", issueMessage(issue))).toBe(
      "Password must be at least 10 characters",
    );
    expect(issue && translate("zh-CN", issueMessage(issue))).toBe("密码至少需要 10 个字符");
    expect(passwordSchema.safeParse("a sturdy passphrase").success).toBe(true);
  });
});
