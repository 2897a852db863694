/**
 * Keys in the composer besides Enter: ArrowUp in an empty box edits my last message. Pure, so
 * the rules are unit-tested without a browser.
 */
import type { ChatMessage } from "@/party/protocol";
import { type EnterKeyEvent, isImeKeyDown } from "./enter-sends";

export type ComposerKeyEvent = EnterKeyEvent & {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
};

/**
 * True when this keydown should open the editor on my last message: a bare ArrowUp in an empty
 * box (so the caret is at its start and there is no line above to move to), with no input method
 * composing, where ArrowUp moves through candidates.
 */
export function shouldEditLast(event: ComposerKeyEvent, value: string): boolean {
  if (event.key !== "ArrowUp") return false;
  if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
  return value === "" && !isImeKeyDown(event);
}

/**
 * My newest stored message in this list, or null. Deleted messages have left the list, and
 * pending ones are not stored yet, so neither is picked.
 */
export function lastOwnMessage(messages: readonly ChatMessage[], me: number): ChatMessage | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && m.author.id === me) return m;
  }
  return null;
}
