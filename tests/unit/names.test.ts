import { describe, expect, it } from "vitest";
import { issueMessage } from "@/app/_i18n/issue-message";
import type { Locale } from "@/app/_i18n/locales";
import { translate } from "@/app/_i18n/translate";
import { cleanDisplayName, isReservedName } from "@/app/(auth)/names";
import { signUpSchema } from "@/app/(auth)/schemas";

/** What sign-up says about each field of `input`, in `locale`. */
function signUpMessages(input: Record<string, string>, locale: Locale = "en"): string[] {
  const issues = signUpSchema.safeParse(input).error?.issues ?? [];
  return issues.map((issue) => translate(locale, issueMessage(issue)));
}

describe("cleanDisplayName", () => {
  it("removes bidi embeddings, overrides and isolates", () => {
    expect(cleanDisplayName("\u202Eevil\u202C \u2066Eve\u2069")).toBe("evil Eve");
    expect(cleanDisplayName("\u202A\u202B\u202Dx\u200E\u200F\u061C")).toBe("x");
  });

  it("removes zero-width and other invisible characters", () => {
    expect(cleanDisplayName("a\u200Bd\u200Cm\u200Di\u2060n\uFEFF\u00AD")).toBe("admin");
    // Hangul fillers, blank Braille, combining grapheme joiner, variation selector, tag letters.
    expect(cleanDisplayName("B\u3164o\u115Fb\u2800\u034F\uFE0F\u{E0041}")).toBe("Bob");
  });

  it("makes every kind of whitespace one space and trims", () => {
    expect(cleanDisplayName("  Ann\n\tLee\u2028\u00A0\u3000Smith  ")).toBe("Ann Lee Smith");
  });

  it("caps marks piled on one letter and composes to NFC", () => {
    // "q" has no precomposed form with a diaeresis, so NFC leaves all the marks to count.
    expect(cleanDisplayName(`q${"\u0308".repeat(40)}`)).toBe(`q${"\u0308".repeat(4)}`);
    expect(cleanDisplayName("Jose\u0301")).toBe("Jos\u00E9");
  });

  it("keeps real names in any script", () => {
    for (const name of ["José Ñúñez", "李小龍", "Ольга", "عائشة", "Nguyễn Thị", "Zoë 🦊"]) {
      expect(cleanDisplayName(name)).toBe(name.normalize("NFC"));
    }
  });

  it("can leave nothing, which sign-up refuses", () => {
    expect(cleanDisplayName("\u200B\u202E \u3164")).toBe("");
    const input = {
      username: "someone",
      displayName: "\u200B\u202E",
      password: "a sturdy passphrase",
    };
    expect(signUpMessages(input)).toContain("Display name is required");
    expect(signUpMessages(input, "zh-CN")).toContain("请填写显示名称");
  });

  it("keeps Chinese names and emoji as typed, only cleaning what is invisible", () => {
    expect(cleanDisplayName("王小明")).toBe("王小明");
    expect(cleanDisplayName("小明 🐼")).toBe("小明 🐼");
    // A full-width space (common in Chinese input) is a space; a zero-width one is nothing.
    expect(cleanDisplayName("\u3000小明\u3000\u3000🐼\u200B ")).toBe("小明 🐼");
    expect(cleanDisplayName("王\u200D小\u202E明")).toBe("王小明");
  });
});

describe("isReservedName", () => {
  it("refuses the staff words in any case, as a name or as one of its words", () => {
    for (const name of [
      "admin",
      "Administrator",
      "MODERATOR",
      "mod",
      "Mods",
      "staff",
      "System",
      "support",
      "root",
      "Site Admin",
      "SiteAdmin",
      "the_moderator",
      "admin-2",
      "root42",
      "S.T.A.F.F",
      "a d m i n",
    ]) {
      expect(isReservedName(name), name).toBe(true);
    }
  });

  it("sees through look-alikes: digits, symbols, accents, full-width, Cyrillic, rn for m", () => {
    for (const name of [
      "adm1n",
      "@dmin",
      "4dm!n",
      "ádmín",
      "ＡＤＭＩＮ",
      "аdmin",
      "adrnin",
      "$upp0rt",
      "r00t",
      "m0d",
    ]) {
      expect(isReservedName(name), name).toBe(true);
    }
  });

  it("lets through names that only contain a staff word inside a longer one", () => {
    for (const name of [
      "badminton",
      "Modesty",
      "Rooted",
      "Admiral Ada",
      "Moderna",
      "Systematic",
      "Jo Smith",
      "Nina",
    ]) {
      expect(isReservedName(name), name).toBe(false);
    }
  });

  it("never takes a Chinese name for a staff word", () => {
    for (const name of ["王小明", "小明 🐼", "管理", "李小龍"]) {
      expect(isReservedName(name), name).toBe(false);
    }
  });

  it("is applied by sign-up to both names, after cleaning the display name", () => {
    const base = { password: "a sturdy passphrase" };
    const messages = (input: { username: string; displayName: string }) =>
      signUpMessages({ ...base, ...input });
    expect(messages({ username: "adm1n", displayName: "Ann" })).toContain(
      "That username is reserved for staff. Choose another",
    );
    expect(messages({ username: "ann", displayName: "a\u200Bdmin" })).toContain(
      "That display name is reserved for staff. Choose another",
    );
    expect(messages({ username: "ann", displayName: "Ann" })).toEqual([]);
  });
});

describe("sign-up names in Chinese", () => {
  const base = { username: "xiaoming", password: "a sturdy passphrase" };

  it("accepts a Chinese display name, stored cleaned", () => {
    for (const [typed, stored] of [
      ["王小明", "王小明"],
      ["小明 🐼", "小明 🐼"],
      [" 小明\u3000🐼\u200B", "小明 🐼"],
    ] as const) {
      const result = signUpSchema.safeParse({ ...base, displayName: typed });
      expect(result.success, typed).toBe(true);
      expect(result.data?.displayName).toBe(stored);
    }
  });

  it("keeps usernames ASCII, and says so in Chinese", () => {
    expect(
      signUpSchema.safeParse({ ...base, username: "王小明", displayName: "王小明" }).success,
    ).toBe(false);
    expect(signUpMessages({ ...base, username: "王小明", displayName: "王小明" }, "zh-CN")).toEqual(
      ["用户名只能使用英文字母、数字、下划线（_）和连字符（-）"],
    );
    expect(signUpMessages({ ...base, username: "ab", displayName: "小明" }, "zh-CN")).toEqual([
      "用户名至少需要 3 个字符",
    ]);
    expect(signUpMessages({ ...base, username: "ab", displayName: "Ann" })).toEqual([
      "Username must be at least 3 characters",
    ]);
    expect(signUpMessages({ ...base, username: "a".repeat(33), displayName: "Ann" })).toEqual([
      "Username must be at most 32 characters",
    ]);
  });

  it("counts a display name's length in the schema's own bound, in both languages", () => {
    const input = { ...base, displayName: "王".repeat(65) };
    expect(signUpMessages(input)).toEqual(["Display name must be at most 64 characters"]);
    expect(signUpMessages(input, "zh-CN")).toEqual(["显示名称最多 64 个字符"]);
  });
});
