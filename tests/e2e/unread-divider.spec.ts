/**
 * Issue 12, item 3: the "New messages" divider where the unread part of a channel starts, the
 * "Jump to first unread" bar when that part is out of view (or not loaded), and "Mark as unread"
 * from a message's menu, which is stored: a reload shows the divider in the same place.
 */
import type { Locator } from "@playwright/test";
import { insertMessages } from "@/db/queries/messages";
import { advanceRead, readPosition } from "@/db/queries/read-state";
import { makeChannel, makeMessages, newClientId, type TestChannel } from "../support/factories";
import type { ChannelView } from "./channel-view";
import { expect, type SignedInUser, test } from "./fixtures";

/** The list item right after the divider: the first unread message. */
const afterDivider = (view: ChannelView): Locator =>
  view.messageList.locator(":scope > [data-unread-divider] + li");

/** The person has read everything in the channel up to `messageId` (as seeing it would do). */
const readUpTo = (who: SignedInUser, channel: TestChannel, messageId: number) =>
  advanceRead({ userId: who.user.id, channelId: channel.id, messageId });

test("coming back to a channel, New messages stands above the first message from others", async ({
  users,
  chatChannel,
}) => {
  const alice = await users.signedIn({ displayName: "Alice Writes" });
  const bob = await users.signedIn({ displayName: "Bob Returns" });
  const elsewhere = await makeChannel();
  const read = await makeMessages({
    channel: chatChannel,
    author: alice.user,
    bodies: ["already read one", "already read two"],
  });
  await readUpTo(bob, chatChannel, read.at(-1)?.id as number);

  await bob.view.open(chatChannel.slug);
  await expect(bob.view.message("already read two")).toBeVisible();
  await expect(bob.view.unreadDivider).toHaveCount(0);
  await bob.view.open(elsewhere.slug);

  await alice.view.open(chatChannel.slug);
  for (const body of ["first while away", "second while away", "third while away"]) {
    await alice.view.send(body);
    await expect(alice.view.message(body)).not.toHaveAttribute("data-pending", /.*/);
  }
  await expect(alice.page.locator("[data-pending]")).toHaveCount(0);

  await bob.view.open(chatChannel.slug);
  await expect(bob.view.unreadDivider).toBeVisible();
  await expect(afterDivider(bob.view)).toContainText("first while away");
  // Three messages, all in view: nothing to jump to.
  await expect(bob.view.messages).toHaveCount(5);
  await expect(bob.page.getByRole("button", { name: /Jump to first unread/ })).toHaveCount(0);

  // A message arriving while Bob is there goes below; the divider stays where it was.
  await alice.view.send("while Bob is here");
  await expect(bob.view.message("while Bob is here")).toBeVisible();
  await expect(bob.view.unreadDivider).toHaveCount(1);
  await expect(afterDivider(bob.view)).toContainText("first while away");

  // Bob's own message shows he has caught up: the divider goes.
  await bob.view.send("caught up");
  await expect(bob.view.message("caught up")).toBeVisible();
  await expect(bob.view.unreadDivider).toHaveCount(0);
});

test("with more unread than a screen and a history page, the bar jumps to the first one", async ({
  users,
  chatChannel,
}) => {
  const alice = await users.signedIn({ displayName: "Alice Floods" });
  const bob = await users.signedIn({ displayName: "Bob Away" });
  const [seen] = await makeMessages({ channel: chatChannel, author: alice.user, bodies: ["seen"] });
  await readUpTo(bob, chatChannel, seen?.id as number);
  // 120 in one statement: the page renders the newest 50, so the first unread is two pages back.
  const stored = await insertMessages({
    channelId: chatChannel.id,
    items: Array.from({ length: 120 }, (_, i) => ({
      authorId: alice.user.id,
      clientId: newClientId(),
      body: `flood number ${i + 1}`,
    })),
  });
  const firstUnread = Math.min(...stored.map((m) => m.id));

  const { view, page } = bob;
  await view.open(chatChannel.slug);
  const jump = page.getByRole("button", { name: "120 new messages · Jump to first unread" });
  await expect(jump).toBeVisible();
  await expect(view.unreadDivider).toHaveCount(0);
  // Opening the channel read it to the newest (the page is visible at the bottom). Waited for
  // before the jump: once scrolled up to the first unread, the page reports nothing newer.
  await expect
    .poll(async () => (await readPosition(bob.user, chatChannel.id)).lastReadId)
    .toBe(Math.max(...stored.map((m) => m.id)));

  // From the keyboard: the jump loads the older pages, then focuses the first unread message.
  await jump.focus();
  await page.keyboard.press("Enter");
  const first = view.messageList.locator(`[data-message-id="${firstUnread}"]`);
  await expect(first).toBeFocused();
  await expect(first).toContainText("flood number 1");
  await expect(first).toBeInViewport();
  await expect(afterDivider(view)).toHaveAttribute("data-message-id", String(firstUnread));
  await expect(view.unreadDivider).toBeInViewport();
  await expect(jump).toHaveCount(0);

  // A new flood is offered on the next visit, and dismissed it stays away while the page is open.
  await insertMessages({
    channelId: chatChannel.id,
    items: Array.from({ length: 60 }, (_, i) => ({
      authorId: alice.user.id,
      clientId: newClientId(),
      body: `second flood ${i + 1}`,
    })),
  });
  await page.reload();
  const again = page.getByRole("button", { name: "60 new messages · Jump to first unread" });
  await expect(again).toBeVisible();
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(again).toHaveCount(0);
});

test("Mark as unread moves the divider above that message, and it is still there after a reload", async ({
  users,
  chatChannel,
}) => {
  const alice = await users.signedIn({ displayName: "Alice Said" });
  const bob = await users.signedIn({ displayName: "Bob Marks" });
  const said = await makeMessages({
    channel: chatChannel,
    author: alice.user,
    bodies: ["older words", "come back to this", "later words"],
  });
  await readUpTo(bob, chatChannel, said.at(-1)?.id as number);
  const marked = said[1]?.id as number;

  const { view, page } = bob;
  await view.open(chatChannel.slug);
  await expect(view.message("later words")).toBeVisible();
  await expect(view.unreadDivider).toHaveCount(0);

  await view.chooseFromMenu(view.message("come back to this"), "Mark as unread");
  await expect(view.unreadDivider).toBeVisible();
  await expect(afterDivider(view)).toContainText("come back to this");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect
    .poll(async () => (await readPosition(bob.user, chatChannel.id)).lastReadId)
    .toBe(marked - 1);

  await page.reload();
  await expect(view.unreadDivider).toBeVisible();
  await expect(afterDivider(view)).toContainText("come back to this");
  await expect(afterDivider(view)).toHaveAttribute("data-message-id", String(marked));
});
