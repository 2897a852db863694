/**
 * The composer's `@` completion, as pure functions: which `@word` the caret is in, what picking a
 * person does to the text, and what a key does while the list is open. Unit-tested without a
 * browser; components/mentions/use-mention-picker.ts wires them to the box.
 */
import { type EnterKeyEvent, isImeKeyDown } from "@/components/chat/enter-sends";

const NAME_CHAR = /[A-Za-z0-9_-]/;
/** What may not stand right before the `@` (as in parse-mentions.ts: emails, URLs). */
const BLOCKS_AT = /[A-Za-z0-9_.+@/-]/;
const NAME_MAX = 32;

export type ActiveMention = {
  /** Index of the `@`. */
  start: number;
  /** What is typed after it, up to the caret. */
  query: string;
};

/**
 * The `@word` the caret is at the end of, or null: `@` at the start or after a space or
 * punctuation, then up to 32 name characters, with the caret right after them. A bare `@` counts
 * (the list opens on it), an email's `@` does not.
 */
export function activeMention(value: string, caret: number): ActiveMention | null {
  let i = caret;
  while (i > 0 && caret - i <= NAME_MAX && NAME_CHAR.test(value[i - 1] ?? "")) i--;
  if (caret - i > NAME_MAX || value[i - 1] !== "@") return null;
  const start = i - 1;
  const before = start > 0 ? (value[start - 1] ?? "") : "";
  if (before && BLOCKS_AT.test(before)) return null;
  return { start, query: value.slice(i, caret) };
}

/**
 * The text with the `@word` at `mention` replaced by `@username` and a space (the space already
 * after the caret is used instead of adding one), and where the caret goes: after that space.
 */
export function insertMention(
  value: string,
  caret: number,
  mention: ActiveMention,
  username: string,
): { value: string; caret: number } {
  const rest = value.slice(caret);
  const spaced = /^\s/.test(rest) ? rest : ` ${rest}`;
  const head = `${value.slice(0, mention.start)}@${username}`;
  return { value: head + spaced, caret: head.length + 1 };
}

export type PickerKey = "next" | "previous" | "pick" | "close" | null;

/**
 * What a keydown does while the list is open: arrows move, Enter and Tab pick (never send),
 * Escape closes. Keys an input method is using (choosing a Pinyin candidate) are its own, and
 * Shift+Enter is still a new line.
 */
export function pickerKey(
  event: EnterKeyEvent & { altKey: boolean; ctrlKey: boolean; metaKey: boolean },
): PickerKey {
  if (isImeKeyDown(event) || event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case "ArrowDown":
      return "next";
    case "ArrowUp":
      return "previous";
    case "Enter":
      return event.shiftKey ? null : "pick";
    case "Tab":
      return event.shiftKey ? null : "pick";
    case "Escape":
      return "close";
    default:
      return null;
  }
}
