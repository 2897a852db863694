import { describe, expect, it } from "vitest";
import { type EnterKeyEvent, isImeKeyDown, shouldSendOnEnter } from "@/components/chat/enter-sends";

const key = (overrides: Partial<EnterKeyEvent> = {}): EnterKeyEvent => ({
  key: "Enter",
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...overrides,
});

describe("shouldSendOnEnter", () => {
  it("sends on a plain Enter", () => {
    expect(shouldSendOnEnter(key())).toBe(true);
  });

  it("starts a new line on Shift+Enter", () => {
    expect(shouldSendOnEnter(key({ shiftKey: true }))).toBe(false);
  });

  it("leaves other keys alone", () => {
    expect(shouldSendOnEnter(key({ key: "a", keyCode: 65 }))).toBe(false);
    expect(shouldSendOnEnter(key({ key: "Escape", keyCode: 27 }))).toBe(false);
  });

  it("never sends while an input method is composing (Chrome, Firefox: isComposing)", () => {
    expect(shouldSendOnEnter(key({ isComposing: true, keyCode: 229 }))).toBe(false);
    expect(shouldSendOnEnter(key({ isComposing: true }))).toBe(false);
  });

  it("never sends on the Enter that commits a candidate in Safari (keyCode 229, not composing)", () => {
    expect(shouldSendOnEnter(key({ keyCode: 229 }))).toBe(false);
  });

  it("never sends on an Enter in the same task as compositionend", () => {
    expect(shouldSendOnEnter(key(), true)).toBe(false);
  });
});

describe("isImeKeyDown", () => {
  it("is true for either sign of an input method, false otherwise", () => {
    expect(isImeKeyDown({ isComposing: true, keyCode: 13 })).toBe(true);
    expect(isImeKeyDown({ isComposing: false, keyCode: 229 })).toBe(true);
    expect(isImeKeyDown({ isComposing: false, keyCode: 27 })).toBe(false);
  });
});
