import type { Locator } from "@playwright/test";
import { makeMessages, makeUser } from "../support/factories";
import type { ChannelView } from "./channel-view";
import { expect, test } from "./fixtures";

/**
 * How many times `name` is drawn in the message list. A compact row keeps its author's name in
 * the text for screen readers, visually hidden (one clipped pixel), so only a name with a real
 * box counts as shown.
 */
function namesShown(view: ChannelView, name: string): Promise<number> {
  return view.messageList.getByText(name, { exact: true }).evaluateAll(
    (found) =>
      found.filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 1 && box.height > 1;
      }).length,
  );
}

/** The list's children in order: "day" for a divider, "message" for a message. */
function childKinds(list: Locator): Promise<string[]> {
  return list
    .locator(":scope > li:not([data-unread-divider])")
    .evaluateAll((items) =>
      items.map((li) => (li.hasAttribute("data-day-divider") ? "day" : "message")),
    );
}

/** Alice's two messages under one header, then Bob's under his own. */
async function expectAliceThenBob(view: ChannelView): Promise<void> {
  await expect(view.messages).toHaveCount(3);
  await expect(view.page.locator("[data-pending]")).toHaveCount(0);
  // Every message still names its author in its text, the compact one included.
  await expect(view.messages.nth(0)).toContainText("Alice Grouped");
  await expect(view.messages.nth(1)).toContainText("Alice Grouped");
  await expect(view.messages.nth(1)).toContainText("second from Alice");
  await expect(view.messages.nth(2)).toContainText("Bob Grouped");
  await expect.poll(() => namesShown(view, "Alice Grouped")).toBe(1);
  await expect.poll(() => namesShown(view, "Bob Grouped")).toBe(1);
  // The compact row keeps its time (in the text, so screen readers still read it).
  await expect(view.messages.nth(1).locator("time")).toHaveAttribute("datetime", /Z$/);
}

test.describe("messages grouped by author and day", () => {
  // A zone other than the server's UTC: the days must follow the reader once the page is live.
  test.use({ timezoneId: "Asia/Shanghai" });

  test("one author's messages in a row share a header; another author starts a new one", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Grouped" });
    const bob = await users.signedIn({ displayName: "Bob Grouped" });
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(alice.view.whoIsHere).toContainText("Bob Grouped");
    await alice.view.send("first from Alice");
    await expect(alice.view.message("first from Alice")).toHaveCount(1);
    await alice.view.send("second from Alice");
    await expect(bob.view.message("second from Alice")).toHaveCount(1);
    await bob.view.send("reply from Bob");

    for (const { view } of [alice, bob]) await expectAliceThenBob(view);
    // The compact row's time is faded out until the row holds focus (or the pointer). Focus,
    // not hover, is checked: headless Chromium may report no hover-capable pointer.
    const compact = alice.view.messages.nth(1);
    const compactTime = compact.locator("time").locator("..");
    await expect(compactTime).toHaveCSS("opacity", "0");
    await alice.view.menuButton(compact).focus();
    await expect(compactTime).toHaveCSS("opacity", "1");
    // The server-rendered history groups the same way.
    await bob.page.reload();
    await expectAliceThenBob(bob.view);
  });

  test("a divider named by the day stands between yesterday's and today's messages", async ({
    member,
    chatChannel,
  }) => {
    const author = await makeUser({ displayName: "Day Writer" });
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    await makeMessages({ channel: chatChannel, author, bodies: ["said yesterday"], at: yesterday });
    await makeMessages({ channel: chatChannel, author, bodies: ["said today"] });

    const { view } = member;
    await view.open(chatChannel.slug);
    await expect(view.messages).toHaveCount(2);
    await expect(view.dayDividers).toHaveCount(2);
    await expect(view.dayDividers.nth(0)).toHaveAccessibleName("Yesterday");
    await expect(view.dayDividers.nth(1)).toHaveAccessibleName("Today");
    expect(await childKinds(view.messageList)).toEqual(["day", "message", "day", "message"]);
    // A new day starts a new header even for the same author.
    await expect.poll(() => namesShown(view, "Day Writer")).toBe(2);
  });
});
