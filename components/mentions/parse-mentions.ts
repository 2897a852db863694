/**
 * Finding `@username` and `@here` in a message body. Pure and shared: the store route records
 * what it finds, the page highlights the same tokens and the composer completes them.
 *
 * A mention is `@` followed by a username (3 to 32 ASCII letters, digits, `_` or `-`, the sign-up
 * rule in app/(auth)/schemas.ts), where the `@` does not follow a letter, digit or one of
 * `_ - . + @` (so `a@b.com` is an email, not a mention of "b") and the name is not followed by
 * another name character (a 33-character run is nobody). Code spans, fenced code blocks and URLs
 * are skipped, as the renderer shows them as code and links.
 */

/** The sign-up rule's characters: what a username is made of. */
const NAME_CHAR = /[A-Za-z0-9_-]/;
const NAME_MIN = 3;
const NAME_MAX = 32;
/** What may not stand right before a mention's `@`: a word (emails), or a URL's `/`. */
const BLOCKS_AT = /[A-Za-z0-9_.+@/-]/;

/** The word a moderator writes to address everyone online. Never a username mention. */
export const HERE = "here";

/** Most distinct people one message may mention by name; the rest is text. */
export const MAX_MENTIONS_PER_MESSAGE = 50;

export type MentionToken = {
  /** Index of the `@` in the text (UTF-16 units). */
  start: number;
  /** Index just past the name. */
  end: number;
  kind: "user" | "here";
  /** The name as typed (without `@`); compare case-insensitively, as usernames are. */
  name: string;
};

/**
 * Every mention token in a run of plain text (no code, no links: the renderer calls this on
 * the text nodes it has left after Markdown, where code and links are already elements).
 */
export function findMentionTokens(text: string): MentionToken[] {
  const tokens: MentionToken[] = [];
  let at = text.indexOf("@");
  while (at !== -1) {
    const before = at > 0 ? text[at - 1] : "";
    let end = at + 1;
    while (end < text.length && end - at - 1 <= NAME_MAX && NAME_CHAR.test(text[end] ?? "")) end++;
    const name = text.slice(at + 1, end);
    if (
      !(before && BLOCKS_AT.test(before)) &&
      name.length >= NAME_MIN &&
      name.length <= NAME_MAX &&
      !NAME_CHAR.test(text[end] ?? "")
    ) {
      tokens.push({ start: at, end, name, kind: name.toLowerCase() === HERE ? "here" : "user" });
    }
    at = text.indexOf("@", Math.max(end, at + 1));
  }
  return tokens;
}

/** URLs as GFM autolinks them (and any `scheme://`), so an `@` inside one is no mention. */
const URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<]*/gi;

/**
 * The body with fenced code blocks, code spans and URLs blanked out (same length, so indexes
 * still match), leaving only the text a mention may be in. A fence opens with three or more
 * backticks or tildes after at most three spaces (or after a quote's `>`) and runs to a closing
 * fence of the same character at least as long, or to the end of the body, as CommonMark reads it.
 */
export function maskCode(body: string): string {
  const lines = body.split("\n");
  let fence: { char: string; length: number } | null = null;
  const kept = lines.map((line) => {
    const open = /^(?:[ \t]*>)*[ ]{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open?.[1] && open[1][0] === fence.char && open[1].length >= fence.length) fence = null;
      return " ".repeat(line.length);
    }
    if (open?.[1] && !(open[1][0] === "`" && line.slice(open[0].length).includes("`"))) {
      fence = { char: open[1][0] ?? "`", length: open[1].length };
      return " ".repeat(line.length);
    }
    return line;
  });
  return maskCodeSpans(kept.join("\n")).replace(URL, (url) => " ".repeat(url.length));
}

/** Blanks `code` spans: a run of N backticks up to the next run of exactly N. */
function maskCodeSpans(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("`", i);
    if (open === -1) break;
    let runEnd = open;
    while (text[runEnd] === "`") runEnd++;
    const run = runEnd - open;
    const close = closingRun(text, runEnd, run);
    if (close === -1) {
      // No closer: the backticks are literal text.
      out += text.slice(i, runEnd);
      i = runEnd;
      continue;
    }
    out += text.slice(i, open) + " ".repeat(close + run - open);
    i = close + run;
  }
  return out + text.slice(i);
}

function closingRun(text: string, from: number, run: number): number {
  let at = text.indexOf("`", from);
  while (at !== -1) {
    let end = at;
    while (text[end] === "`") end++;
    if (end - at === run) return at;
    at = text.indexOf("`", end);
  }
  return -1;
}

export type ParsedMentions = {
  /** Distinct usernames mentioned, lower-cased, in order of first mention, at most MAX_MENTIONS_PER_MESSAGE. */
  usernames: string[];
  /** Whether `@here` appears (it counts only when a moderator or admin wrote it). */
  here: boolean;
};

/** Who a message body mentions, code and URLs left out. */
export function parseMentions(body: string): ParsedMentions {
  if (!body.includes("@")) return { usernames: [], here: false };
  const seen = new Set<string>();
  let here = false;
  for (const token of findMentionTokens(maskCode(body))) {
    if (token.kind === "here") here = true;
    else if (seen.size < MAX_MENTIONS_PER_MESSAGE) seen.add(token.name.toLowerCase());
  }
  return { usernames: [...seen], here };
}

/** Whether a body mentions this username (or everyone, by a staff author's `@here`). */
export function mentionsUser(body: string, username: string, authorIsStaff: boolean): boolean {
  const parsed = parseMentions(body);
  return parsed.usernames.includes(username.toLowerCase()) || (authorIsStaff && parsed.here);
}
