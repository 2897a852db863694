/**
 * Rules for the names people see: a display name carries no invisible or direction-changing
 * characters, and neither a username nor a display name may pass for staff.
 */

// Any kind of space or line break becomes one plain space, before invisible characters go, so
// "Ann\nLee" stays two words while "A\u200Bdmin" closes up.
const SPACES = /[\t\n\v\f\r\u0085\p{Z}]+/gu;

// \p{C}: controls, format characters (bidi embeddings, overrides and isolates, zero-width
// space/joiners, word joiner, BOM, soft hyphen, Arabic letter mark, Mongolian vowel separator,
// tag characters), private use, unpaired surrogates and unassigned code points. The rest render
// as nothing in common fonts though Unicode files them as letters or marks: the combining
// grapheme joiner, Hangul fillers, the blank Braille pattern, Khmer inherent vowels and
// variation selectors.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each mark listed is removed on its own, none is meant to combine with a letter in the class
  /[\p{C}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;

// Stacks of combining marks ("Zalgo" text) spill over the lines around a name; no script needs
// more than a few on one letter.
const MARK_PILE = /(\p{M}{4})\p{M}+/gu;

/**
 * A display name as it is stored and shown: NFC, every run of whitespace one space, invisible
 * and bidi control characters removed, marks piled on one letter capped, trimmed. May be empty.
 */
export function cleanDisplayName(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(SPACES, " ")
    .replace(INVISIBLE, "")
    .replace(MARK_PILE, "$1")
    .replace(/ {2,}/g, " ")
    .trim();
}

// Letters and symbols read as another letter, after NFKC (which already folds full-width and
// styled letters) and lower-casing. Cyrillic and Greek look-alikes, leetspeak digits and symbols;
// "l", "1", "|" and "!" all read as "i".
const LOOK_ALIKES: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  ԁ: "d",
  ӏ: "i",
  ɑ: "a",
  ɡ: "g",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "i",
  l: "i",
};

/** The letters a name reads as: folded case, accents dropped, look-alikes replaced. */
function skeleton(text: string): string {
  const folded = text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  let out = "";
  for (const ch of folded) out += LOOK_ALIKES[ch] ?? ch;
  // Two letters that read as one at a glance.
  return out
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Words that make a name look like the site's own staff or machinery. */
export const RESERVED_NAMES = [
  "admin",
  "administrator",
  "moderator",
  "mod",
  "staff",
  "system",
  "support",
  "root",
  "sysop",
  "sysadmin",
  "superuser",
  "webmaster",
] as const;
const RESERVED = new Set(RESERVED_NAMES.map(skeleton));

const isReservedWord = (word: string) =>
  RESERVED.has(word) || (word.endsWith("s") && RESERVED.has(word.slice(0, -1)));

// Separators between the words of a name. Leetspeak symbols (@ $ ! |) are not among them: they
// stand for letters.
const SEPARATORS = /[\s_\-.,:;/\\+*~=#'"`()[\]{}<>·•]+/u;

/**
 * Whether a username or (cleaned) display name reads as a staff word, as a whole or as one of
 * its words: "Admin", "adm1n", "ＡＤＭＩＮ", "Site Moderator", "S.T.A.F.F", "root_2". Words that
 * merely contain one ("badminton", "Modesty") pass.
 */
export function isReservedName(name: string): boolean {
  const words = name
    // "SiteAdmin" is two words.
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .split(SEPARATORS)
    .filter(Boolean);
  // Digits before or after a word are a suffix ("admin2"), inside one they are leetspeak.
  const bare = (word: string) => word.replace(/^\d+|\d+$/g, "");
  const candidates = [
    ...words.flatMap((w) => [skeleton(w), skeleton(bare(w))]),
    skeleton(words.join("")),
    skeleton(bare(words.join(""))),
  ];
  return candidates.some((c) => c.length > 0 && isReservedWord(c));
}
