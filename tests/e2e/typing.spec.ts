/**
 * Typing indicators between real browsers: one person types, the others see "NAME is typing…"
 * above their composer until the message arrives or TYPING_TTL_MS passes without a keystroke.
 * Waits are on the conditions themselves (the expiry with a generous timeout), never sleeps.
 */
import { TYPING_TTL_MS } from "@/party/protocol";
import type { SignedInUser } from "./fixtures";
import { expect, test } from "./fixtures";

/** Opens the channel for everyone and waits until each sees all the others as here. */
async function allHere(slug: string, people: SignedInUser[]): Promise<void> {
  for (const p of people) await p.view.open(slug);
  for (const p of people) {
    for (const other of people) {
      if (other !== p) await expect(p.view.whoIsHere).toContainText(other.user.displayName);
    }
  }
}

test.describe("typing indicators", () => {
  test("B types, A sees it; it clears when B's message arrives, and by itself after a pause", async ({
    users,
    chatChannel,
  }) => {
    const a = await users.signedIn({ displayName: "Ann Typing" });
    const b = await users.signedIn({ displayName: "Ben <b>Typing</b>" });
    await allHere(chatChannel.slug, [a, b]);
    await expect(a.view.typing).toBeEmpty();

    await b.view.composer.pressSequentially("hello the");
    await expect(a.view.typing).toHaveText("Ben <b>Typing</b> is typing…");
    // The name is text in its own element, never markup.
    await expect(a.view.typing.locator("span.user-text")).toHaveText("Ben <b>Typing</b>");
    await expect(a.view.typing.locator("b")).toHaveCount(0);
    // Nobody is told about themselves.
    await expect(b.view.typing).toBeEmpty();

    await b.view.composer.pressSequentially("re");
    await b.view.composer.press("Enter");
    await expect(a.view.message("hello there")).toBeVisible();
    await expect(a.view.typing).toBeEmpty();

    // B starts again: keep typing until a frame goes out (the page sends one per 3 s at most).
    await expect(async () => {
      await b.view.composer.press("x");
      await expect(a.view.typing).toHaveText("Ben <b>Typing</b> is typing…", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    // B stops without sending: the line clears on its own once the indicator runs out.
    await expect(a.view.typing).toBeEmpty({ timeout: TYPING_TTL_MS + 10_000 });
    await expect(b.view.composer).toHaveValue(/^x+$/);
  });

  test("two typists are named, three are several people", async ({ users, chatChannel }) => {
    const a = await users.signedIn({ displayName: "Ada Watcher" });
    const b = await users.signedIn({ displayName: "Bea One" });
    const c = await users.signedIn({ displayName: "Cal Two" });
    const d = await users.signedIn({ displayName: "Dov Three" });
    await allHere(chatChannel.slug, [a, b, c, d]);

    await b.view.composer.pressSequentially("one");
    await expect(a.view.typing).toHaveText("Bea One is typing…");
    await c.view.composer.pressSequentially("two");
    await expect(a.view.typing).toHaveText("Bea One and Cal Two are typing…");
    await d.view.composer.pressSequentially("three");
    await expect(a.view.typing).toHaveText("Several people are typing…");
    // D sees the other two by name, never itself.
    await expect(d.view.typing).toHaveText("Bea One and Cal Two are typing…");
  });
});
