import { describe, expect, it } from "vitest";
import { cleanDisplayName, isReservedName } from "@/app/(auth)/names";
import { signUpSchema } from "@/app/(auth)/schemas";

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
    const result = signUpSchema.safeParse({
      username: "someone",
      displayName: "\u200B\u202E",
      password: "a sturdy passphrase",
    });
    expect(result.error?.issues.map((i) => i.message)).toContain("Display name is required");
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

  it("is applied by sign-up to both names, after cleaning the display name", () => {
    const base = { password: "a sturdy passphrase" };
    const messages = (input: { username: string; displayName: string }) =>
      signUpSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => i.message) ?? [];
    expect(messages({ username: "adm1n", displayName: "Ann" })).toContain(
      "That username is reserved for staff. Choose another",
    );
    expect(messages({ username: "ann", displayName: "a\u200Bdmin" })).toContain(
      "That display name is reserved for staff. Choose another",
    );
    expect(messages({ username: "ann", displayName: "Ann" })).toEqual([]);
  });
});
