/**
 * Who is typing, as one page knows it: pure functions over a short list, so the rules (renew,
 * expire, forget on their message, never me) are unit-tested with plain numbers for time.
 */
import { TYPING_TTL_MS } from "@/party/protocol";

/** Someone typing, until `until` (ms on the page's clock) unless they renew it. */
export type Typist = { id: number; name: string; until: number };

/**
 * A typing frame from `user` arrived at `now`: they are typing for TYPING_TTL_MS more. A renewal
 * keeps their place in the list, so names do not swap places while two people type.
 */
export function heardTyping(
  typists: Typist[],
  user: { id: number; name: string },
  now: number,
  me: number,
): Typist[] {
  if (user.id === me) return typists;
  const until = now + TYPING_TTL_MS;
  const at = typists.findIndex((t) => t.id === user.id);
  if (at < 0) return [...typists, { id: user.id, name: user.name, until }];
  return typists.map((t, i) => (i === at ? { ...t, name: user.name, until } : t));
}

/** These people's messages arrived: they are done typing them. Same list when nothing changes. */
export function stoppedTyping(typists: Typist[], authorIds: Iterable<number>): Typist[] {
  if (typists.length === 0) return typists;
  const done = new Set(authorIds);
  const left = typists.filter((t) => !done.has(t.id));
  return left.length === typists.length ? typists : left;
}

/** Drops everyone whose indicator ran out by `now`. Same list when nothing changes. */
export function expireTyping(typists: Typist[], now: number): Typist[] {
  const left = typists.filter((t) => t.until > now);
  return left.length === typists.length ? typists : left;
}

/** When the next indicator runs out, or null when nobody is typing. */
export function nextTypingExpiry(typists: Typist[]): number | null {
  let next: number | null = null;
  for (const t of typists) if (next === null || t.until < next) next = t.until;
  return next;
}

/** What the line above the composer says, before it is put into words. */
export type TypingLine =
  | { kind: "none" }
  | { kind: "one"; name: string }
  | { kind: "two"; first: string; second: string }
  | { kind: "several" };

/** One name, two names, or "several people" from three on. */
export function typingLine(typists: readonly { name: string }[]): TypingLine {
  const [first, second] = typists;
  if (!first) return { kind: "none" };
  if (!second) return { kind: "one", name: first.name };
  if (typists.length === 2) return { kind: "two", first: first.name, second: second.name };
  return { kind: "several" };
}

/**
 * Stand-ins for names while a sentence is formatted (Unicode private-use characters, which a
 * catalogue never holds): the sentence is then cut at them, so each name can be shown as user
 * text in its own element wherever the language puts it.
 */
export const NAME_MARKS = ["\uE000", "\uE001"] as const;

/**
 * Cuts a sentence formatted with NAME_MARKS in place of names into text and names, in order:
 * ("\uE000 and \uE001 are typing…", ["Dana", "Eli"]) → [{name:"Dana"}, " and ", {name:"Eli"}, …].
 * A mark the sentence does not hold is left out; a mark in a name stays that name's text.
 */
export function fillNames(
  sentence: string,
  names: readonly string[],
): (string | { name: string })[] {
  const parts: (string | { name: string })[] = [];
  let text = "";
  for (const char of sentence) {
    const at = NAME_MARKS.indexOf(char as (typeof NAME_MARKS)[number]);
    if (at < 0) {
      text += char;
      continue;
    }
    const name = names[at];
    if (name === undefined) continue;
    if (text) parts.push(text);
    text = "";
    parts.push({ name });
  }
  if (text) parts.push(text);
  return parts;
}
