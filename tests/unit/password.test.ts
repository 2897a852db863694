import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS_TEXT } from "@/app/_lib/common-passwords";
import { checkPassword, PASSWORD_MIN_LENGTH, passwordSchema } from "@/app/(auth)/password";

describe("checkPassword", () => {
  it("ships the whole list of 10,000 common passwords", () => {
    const list = COMMON_PASSWORDS_TEXT.split("\n");
    expect(list).toHaveLength(10_000);
    expect(new Set(list).size).toBe(10_000);
  });

  it("wants at least 10 characters, counted as a person counts them", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(checkPassword("nine-char")).toBe("Password must be at least 10 characters");
    expect(checkPassword("ten-chars!")).toBeNull();
    // Five emoji are ten UTF-16 units but five characters.
    expect(checkPassword("🔑🔑🔑🔑🔑")).toMatch(/at least 10/);
  });

  it("refuses the common passwords of 10 or more characters, in any letter case", () => {
    for (const common of ["password123", "qwertyuiop", "QWERTYuiop", "1234567890", "1q2w3e4r5t"]) {
      expect(checkPassword(common)).toMatch(/too common/);
    }
  });

  it("accepts a long passphrase and refuses one past the maximum", () => {
    expect(checkPassword("correct horse battery staple")).toBeNull();
    expect(checkPassword("x".repeat(201))).toMatch(/at most 200/);
  });

  it("refuses the username with a short tail, not a passphrase that contains it", () => {
    expect(checkPassword("alice2024!", { username: "Alice" })).toMatch(/username/);
    expect(checkPassword("alice in wonderland tea", { username: "alice" })).toBeNull();
  });

  it("is the rule behind passwordSchema", () => {
    expect(passwordSchema.safeParse("qwertyuiop").success).toBe(false);
    const result = passwordSchema.safeParse("short");
    expect(result.error?.issues[0]?.message).toBe("Password must be at least 10 characters");
    expect(passwordSchema.safeParse("a sturdy passphrase").success).toBe(true);
  });
});
