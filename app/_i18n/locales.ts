/**
 * The languages the site speaks, and how a request's language is chosen when the person has
 * not picked one: the `Accept-Language` header, best quality first. Pure, so unit tests call it.
 */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers a choice made before signing in (or on a device signed out). */
export const LOCALE_COOKIE = "locale";

/** Each language named in itself, as language pickers do: a reader finds their own. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported locale a language tag asks for, or null. Every Chinese tag (zh, zh-Hans, zh-SG,
 * and zh-TW / zh-HK until a Traditional catalogue exists) reads Simplified Chinese rather than
 * English; every English tag reads English.
 */
export function localeForTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** The best supported locale `Accept-Language` asks for, by its q-values; else the default. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .slice(0, 1_000)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    // Equal quality keeps the header's order, as the header's author meant it.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const locale = localeForTag(entry.tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
