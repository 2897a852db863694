import type { Locator, Page, WebSocketRoute } from "@playwright/test";
import { addReaction } from "@/db/queries/reactions";
import { makeMessages, makeUser, restrictUser } from "../support/factories";
import { expect, signIn, test } from "./fixtures";

/** A message's reaction chip for `emoji`, named as DESIGN says: "EMOJI COUNT". */
const chip = (message: Locator, emoji: string, count: number) =>
  message.getByRole("button", { name: `${emoji} ${count}`, exact: true });

/**
 * Picks an emoji in the open picker with the keyboard: types `search`, moves down the results to
 * the one named by `label` (the picker's own "EMOJI, name" labels), and presses Enter.
 */
async function pickBySearch(page: Page, search: string, label: RegExp): Promise<void> {
  const picker = page.getByRole("dialog", { name: "Pick a reaction" });
  const box = picker.getByRole("combobox", { name: "Search" });
  await expect(box).toBeFocused();
  await page.keyboard.type(search);
  const wanted = picker.getByRole("option", { name: label });
  await expect(wanted).toHaveCount(1);
  const names = await picker
    .getByRole("option")
    .evaluateAll((options) => options.map((o) => o.getAttribute("aria-label") ?? ""));
  const index = names.findIndex((name) => label.test(name));
  for (let i = 0; i <= index; i++) await page.keyboard.press("ArrowDown");
  await expect(wanted).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(picker).toHaveCount(0);
}

test.describe("reactions", () => {
  test("one reacts with the keyboard, the other sees it live and joins in; removing counts down", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Reacts" });
    const bob = await users.signedIn({ displayName: "Bob Joins" });
    await makeMessages({ channel: chatChannel, author: bob.user, bodies: ["party time"] });
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(bob.view.whoIsHere).toContainText("Alice Reacts");
    const aliceMessage = alice.view.message("party time");
    const bobMessage = bob.view.message("party time");

    // Alice, by keyboard only: the message's menu, "Add reaction", search, Enter.
    await alice.view.menuButton(aliceMessage).focus();
    await alice.page.keyboard.press("Enter");
    const item = alice.page.getByRole("menuitem", { name: "Add reaction" });
    // The menu opens on its first item, Reply; Add reaction is the next.
    await alice.page.keyboard.press("ArrowDown");
    await expect(item).toBeFocused();
    await alice.page.keyboard.press("Enter");
    await pickBySearch(alice.page, "party popper", /^🎉, party popper/);

    await expect(chip(aliceMessage, "🎉", 1)).toHaveAttribute("aria-pressed", "true");
    // Bob sees it without reloading, not pressed for him.
    await expect(chip(bobMessage, "🎉", 1)).toHaveAttribute("aria-pressed", "false");

    // Who reacted shows on focus (and hover), by name.
    await chip(bobMessage, "🎉", 1).focus();
    await expect(bobMessage.getByRole("tooltip")).toBeVisible();
    await expect(bobMessage.getByRole("tooltip")).toHaveText("Alice Reacts reacted with 🎉");

    // Bob joins: two, pressed on his page; on Alice's it stays pressed for her own.
    await chip(bobMessage, "🎉", 1).click();
    await expect(chip(bobMessage, "🎉", 2)).toHaveAttribute("aria-pressed", "true");
    await expect(chip(aliceMessage, "🎉", 2)).toHaveAttribute("aria-pressed", "true");
    await aliceMessage.getByRole("button", { name: "🎉 2" }).hover();
    await expect(aliceMessage.getByRole("tooltip")).toHaveText(
      "Alice Reacts and Bob Joins reacted with 🎉",
    );

    // Alice takes hers back: one left, Bob's, pressed only on his page.
    await chip(aliceMessage, "🎉", 2).click();
    await expect(chip(aliceMessage, "🎉", 1)).toHaveAttribute("aria-pressed", "false");
    await expect(chip(bobMessage, "🎉", 1)).toHaveAttribute("aria-pressed", "true");

    // A reload shows the same, from the database.
    await alice.page.reload();
    await expect(chip(alice.view.message("party time"), "🎉", 1)).toHaveAttribute(
      "aria-pressed",
      "false",
    );
  });

  test("a page that was offline catches up on the reactions it missed", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Online" });
    const bob = await users.signedIn({ displayName: "Bob Away" });
    await makeMessages({
      channel: chatChannel,
      author: alice.user,
      bodies: ["while you were out"],
    });
    // Bob's room sockets go through the test, which can cut them.
    const sockets: WebSocketRoute[] = [];
    await bob.page.routeWebSocket(/\/parties\/main\//, (ws) => {
      sockets.push(ws);
      ws.connectToServer();
    });
    await bob.view.open(chatChannel.slug);
    await alice.view.open(chatChannel.slug);
    await expect(bob.view.whoIsHere).toContainText("Alice Online");

    // Away: no new room token for Bob's page, and its socket cut.
    const tokens = "**/api/party/token**";
    await bob.page.route(tokens, (route) => route.abort());
    await sockets.at(-1)?.close();
    await expect(bob.page.getByText("Connection lost. Reconnecting…")).toBeVisible();

    // Meanwhile Alice reacts through the picker (by pointer this time).
    await alice.view.chooseFromMenu(alice.view.message("while you were out"), "Add reaction");
    await pickBySearch(alice.page, "rocket", /^🚀, rocket/);
    await expect(chip(alice.view.message("while you were out"), "🚀", 1)).toBeVisible();
    await expect(
      bob.view.message("while you were out").getByRole("button", { name: /🚀/ }),
    ).toHaveCount(0);

    // Back: the changes feed brings the reaction.
    await bob.page.unroute(tokens);
    await expect(bob.page.getByText("Connection lost. Reconnecting…")).toBeHidden({
      timeout: 30_000,
    });
    await expect(chip(bob.view.message("while you were out"), "🚀", 1)).toHaveAttribute(
      "aria-pressed",
      "false",
    );
  });

  test("a muted member is refused with a visible reason, and nothing changes", async ({
    users,
    chatChannel,
  }) => {
    const author = await users.signedIn({ displayName: "Author Ann" });
    const muted = await users.signedIn({ displayName: "Muted Max" });
    const [message] = await makeMessages({
      channel: chatChannel,
      author: author.user,
      bodies: ["nice one"],
    });
    if (!message) throw new Error("the factory stored no message");
    await addReaction({ messageId: message.id, emoji: "👍", userId: author.user.id });
    await restrictUser(muted.user.id, "mute");
    await muted.view.open(chatChannel.slug);
    const shown = muted.view.message("nice one");
    await chip(shown, "👍", 1).click();
    await expect(shown.getByRole("alert")).toContainText("so you cannot react");
    await expect(chip(shown, "👍", 1)).toHaveAttribute("aria-pressed", "false");
    await muted.page.reload();
    await expect(chip(muted.view.message("nice one"), "👍", 1)).toBeVisible();
  });

  test("a Chinese reader gets the picker and the chips in Chinese", async ({
    browser,
    chatChannel,
  }) => {
    const user = await makeUser({ displayName: "韩梅梅" });
    const [message] = await makeMessages({ channel: chatChannel, author: user, bodies: ["你好"] });
    if (!message) throw new Error("the factory stored no message");
    const context = await browser.newContext({ locale: "zh-CN" });
    try {
      await signIn(context, user);
      const page = await context.newPage();
      await page.goto(`/c/${chatChannel.slug}`);
      const shown = page.getByRole("list", { name: "消息列表" }).getByRole("listitem").filter({
        hasText: "你好",
      });
      await shown.hover();
      await shown.getByRole("button", { name: `消息 ${message.id} 的操作` }).click();
      await page.getByRole("menuitem", { name: "添加回应" }).click();
      const picker = page.getByRole("dialog", { name: "选择回应" });
      await expect(picker.getByRole("combobox", { name: "搜索" })).toBeFocused();
      await expect(picker.getByRole("button", { name: "关闭" })).toBeVisible();
      const first = picker.getByRole("menuitem").first();
      const label = (await first.getAttribute("aria-label")) ?? "";
      const emoji = label.split(",")[0] ?? "";
      expect(emoji).not.toBe("");
      await first.click();
      await expect(chip(shown, emoji, 1)).toHaveAttribute("aria-pressed", "true");
      await expect(shown.getByRole("group", { name: "回应" })).toBeVisible();
      await expect(shown.getByRole("button", { name: "添加回应" })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
