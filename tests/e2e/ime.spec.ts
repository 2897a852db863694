import { expect, test } from "./fixtures";

/**
 * Typing Chinese with an input method: the Enter that picks a Pinyin candidate must never send.
 * Chrome marks that keydown isComposing; Safari sends it after compositionend with isComposing
 * false and keyCode 229; both are played here as synthetic events, as a real IME would order them.
 */
test("an Enter an input method uses never sends; a plain Enter then sends once", async ({
  member,
  chatChannel,
}) => {
  const { page, view } = member;
  await view.open(chatChannel.slug);
  await expect(view.whoIsHere).toContainText(member.user.displayName);
  const text = "你好，世界";
  await view.composer.fill(text);

  await view.composer.evaluate((box, committed) => {
    const compose = (type: string, data: string) =>
      box.dispatchEvent(new CompositionEvent(type, { bubbles: true, data }));
    const enter = (init: KeyboardEventInit, keyCode?: number) => {
      const event = new KeyboardEvent("keydown", {
        key: "Enter",
        code: "Enter",
        bubbles: true,
        cancelable: true,
        ...init,
      });
      // The constructor ignores keyCode; the browser's own IME keydowns carry 229.
      if (keyCode !== undefined) Object.defineProperty(event, "keyCode", { get: () => keyCode });
      box.dispatchEvent(event);
    };
    compose("compositionstart", "");
    compose("compositionupdate", "ni hao");
    // Chrome, Firefox: the commit's keydown while composing.
    enter({ isComposing: true });
    // Safari: isComposing already false, keyCode 229.
    enter({ isComposing: false }, 229);
    compose("compositionend", committed);
    // An Enter in the same task as compositionend belongs to the input method too.
    enter({ isComposing: false }, 13);
  }, text);
  // A send would have cleared the box and shown a pending item at once; give it a moment anyway.
  await page.waitForTimeout(500);
  await expect(view.composer).toHaveValue(text);
  await expect(page.locator("[data-pending]")).toHaveCount(0);
  await expect(view.message(text)).toHaveCount(0);

  await view.composer.press("Enter");
  await expect(view.composer).toHaveValue("");
  await expect(view.message(text)).toHaveCount(1);
  await expect(page.locator("[data-pending]")).toHaveCount(0);
  await page.reload();
  await expect(view.message(text)).toHaveCount(1);
});
