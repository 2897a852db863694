import { describe, expect, it } from "vitest";
import { catalogue } from "@/app/_i18n/catalogue";
import { isLocale, LOCALES, localeForTag, negotiateLocale } from "@/app/_i18n/locales";
import { msg } from "@/app/_i18n/message";
import { isMessageKey } from "@/app/_i18n/message-keys";
import { translate } from "@/app/_i18n/translate";

/** Every leaf of a catalogue as [dotted key, text]. */
function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (typeof node !== "object" || node === null) throw new Error(`${prefix}: not a string`);
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** The argument names an ICU message uses: `{user}`, `{count, plural, …}`. */
function argumentNames(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1] ?? "")),
  ].sort();
}

describe("locale negotiation", () => {
  it("reads Accept-Language by quality, then by order", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR, zh;q=0.7, en;q=0.5")).toBe("zh-CN");
    expect(negotiateLocale("en;q=0.2, zh-Hans;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale("de, fr;q=0.5")).toBe("en");
  });

  it("falls back to English for a missing, empty or hostile header", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("zh;q=0, en;q=0")).toBe("en");
    expect(negotiateLocale("zh;q=abc")).toBe("en");
    expect(negotiateLocale(`${"x,".repeat(10_000)}zh`)).toBe("en");
  });

  it("maps every Chinese tag to Simplified Chinese until a Traditional catalogue exists", () => {
    for (const tag of ["zh", "zh-CN", "zh-Hans-CN", "zh_SG", "zh-TW", "ZH-hk"]) {
      expect(localeForTag(tag)).toBe("zh-CN");
    }
    expect(localeForTag("ja")).toBeNull();
  });

  it("knows its own locales only", () => {
    expect(LOCALES.every(isLocale)).toBe(true);
    for (const value of ["zh", "EN", "", null, "en;", "../en"]) expect(isLocale(value)).toBe(false);
  });
});

describe("catalogues", () => {
  const english = new Map(leaves(catalogue("en")));

  for (const locale of LOCALES) {
    it(`${locale} has exactly the English keys, none empty, with the same arguments`, () => {
      const entries = leaves(catalogue(locale));
      expect(entries.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of entries) {
        expect(text.trim(), key).not.toBe("");
        expect(argumentNames(text), key).toEqual(argumentNames(english.get(key) ?? ""));
      }
    });
  }

  it("Chinese entries are Chinese, not English left behind", () => {
    const chinese = leaves(catalogue("zh-CN"));
    const untranslated = chinese.filter(
      ([key, text]) =>
        text === english.get(key) && /[A-Za-z]{3,}/.test(text.replace(/\{[^}]*\}/g, "")),
    );
    // Names that stay as they are in every language.
    const allowed = /^(GitHub|Chat|English)$/;
    expect(untranslated.filter(([, text]) => !allowed.test(text))).toEqual([]);
  });

  it("every message formats in every locale with sample values", () => {
    // A sample of the kind each argument is formatted as: a date, a number, or text.
    const sample = (text: string, name: string) => {
      const kind = new RegExp(`\\{\\s*${name}\\s*,\\s*(\\w+)`).exec(text)?.[1];
      if (kind === "date" || kind === "time") return new Date("2026-11-29T12:00:00Z");
      if (kind === "plural" || kind === "number" || kind === "selectordinal") return 2;
      return "sample";
    };
    for (const locale of LOCALES) {
      for (const [key, text] of leaves(catalogue(locale))) {
        if (!isMessageKey(key)) throw new Error(`${key} is not a key`);
        const values = Object.fromEntries(
          argumentNames(text).map((name) => [name, sample(text, name)]),
        );
        expect(() => translate(locale, msg(key, values)), `${locale} ${key}`).not.toThrow();
      }
    }
  });

  it("translates nested messages and plurals", () => {
    const tooMany = (minutes: number) => msg("common.errors.tooManyAttempts", { minutes });
    expect(translate("en", tooMany(1))).toBe("Too many attempts. Try again in 1 minute.");
    expect(translate("zh-CN", tooMany(5))).toBe("尝试次数过多，请在 5 分钟后重试。");
    const until = msg("common.time.until", { until: new Date("2026-11-29T12:05:00Z") });
    const done = msg("admin.actions.banDone", { user: "eli", until });
    expect(translate("en", done)).toMatch(/^eli is banned until Nov 29, 2026, 12:05 PM UTC\.$/);
    expect(translate("zh-CN", done)).toMatch(/^eli 已被封禁，至 2026年11月29日 12:05（UTC）。$/);
  });

  it("recognises catalogue keys and nothing else", () => {
    expect(isMessageKey("common.errors.banned")).toBe(true);
    for (const value of ["common.errors", "common", "Username must be", "", "common.errors.x"]) {
      expect(isMessageKey(value)).toBe(false);
    }
  });
});
