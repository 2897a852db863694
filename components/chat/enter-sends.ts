/**
 * When Enter in a message box sends (or saves) instead of starting a new line. Pure, so the
 * rules are unit-tested without a browser.
 */

/** What a keydown carries that matters here (a DOM KeyboardEvent has all of it). */
export type EnterKeyEvent = {
  key: string;
  shiftKey: boolean;
  isComposing: boolean;
  keyCode: number;
};

/**
 * keyCode browsers give every keydown an input method consumes. Safari delivers the Enter that
 * commits a Pinyin (or kana, or Hangul) candidate with isComposing already false but keyCode
 * 229, so this is the only sign that the Enter picked a candidate rather than asking to send.
 */
export const IME_KEY_CODE = 229;

/** True when an input method is using this keydown (to pick a candidate, or to cancel one). */
export function isImeKeyDown(event: Pick<EnterKeyEvent, "isComposing" | "keyCode">): boolean {
  return event.isComposing || event.keyCode === IME_KEY_CODE;
}

/**
 * True when this keydown should send: Enter without Shift, and no input method composing.
 * `compositionJustEnded` is true for a keydown in the same task as a compositionend, which is
 * how some browsers order the commit: that Enter belongs to the input method too.
 */
export function shouldSendOnEnter(event: EnterKeyEvent, compositionJustEnded = false): boolean {
  if (event.key !== "Enter" || event.shiftKey) return false;
  return !isImeKeyDown(event) && !compositionJustEnded;
}
