import type { Locator } from "@playwright/test";
import { insertMessages } from "@/db/queries/messages";
import { makeMessages, newClientId } from "../support/factories";
import type { ChannelView } from "./channel-view";
import { expect, test } from "./fixtures";

const DELETED = "Original message was deleted";

/**
 * The messages whose own text (not a quote of another) holds `text`: a reply quotes its parent's
 * words, so ChannelView.message would find the reply too.
 */
const byBody = (view: ChannelView, text: string) =>
  view.messages.filter({ has: view.page.locator("[data-message-body]", { hasText: text }) });

/** A message's one-line quote of the message it answers. */
const quoteOf = (message: Locator) => message.locator("[data-reply-quote]");

/**
 * Opens the menu of the newest message with the keyboard alone: Shift+Tab from the composer
 * lands on that message's menu button, Enter opens the menu on its first item.
 */
async function openLastMenuByKeyboard(view: ChannelView): Promise<void> {
  await view.composer.focus();
  await view.page.keyboard.press("Shift+Tab");
  await expect(view.page.locator(":focus")).toHaveAccessibleName(/Actions for message \d+/);
  await view.page.keyboard.press("Enter");
  await expect(view.page.getByRole("menu")).toBeVisible();
}

test.describe("replies", () => {
  test("B replies by keyboard; the reply and its quote arrive live; deleting the parent shows live and after reload", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Asks" });
    const bob = await users.signedIn({ displayName: "Bob Answers" });
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(bob.view.whoIsHere).toContainText("Alice Asks");
    await alice.view.send("Where is the meeting?");
    const question = byBody(bob.view, "Where is the meeting?");
    await expect(question).toHaveCount(1);

    // Bob: Shift+Tab to the question's menu button, Enter, the first item is Reply.
    await openLastMenuByKeyboard(bob.view);
    const reply = bob.page.getByRole("menuitem", { name: "Reply" });
    await expect(reply).toBeFocused();
    // Bob may not edit or delete Alice's message: Reply, Add reaction and Mark as unread are all
    // he is offered.
    await expect(bob.page.getByRole("menuitem")).toHaveCount(3);
    await bob.page.keyboard.press("ArrowDown");
    await expect(bob.page.getByRole("menuitem", { name: "Add reaction" })).toBeFocused();
    await bob.page.keyboard.press("ArrowUp");
    await expect(reply).toBeFocused();
    await bob.page.keyboard.press("Enter");
    const replying = bob.page.getByText("Replying to Alice Asks");
    await expect(replying).toBeVisible();
    await expect(bob.view.composer).toBeFocused();

    // Cancel reply drops it, and so does Escape in the composer.
    await bob.page.getByRole("button", { name: "Cancel reply" }).click();
    await expect(replying).toHaveCount(0);
    await openLastMenuByKeyboard(bob.view);
    await bob.page.keyboard.press("Enter");
    await expect(replying).toBeVisible();
    await bob.view.composer.press("Escape");
    await expect(replying).toHaveCount(0);

    await openLastMenuByKeyboard(bob.view);
    await bob.page.keyboard.press("Enter");
    await expect(replying).toBeVisible();
    await bob.page.keyboard.type("Room 4, at noon");
    await bob.page.keyboard.press("Enter");
    await expect(replying).toHaveCount(0);

    for (const view of [alice.view, bob.view]) {
      const answer = view.message("Room 4, at noon");
      await expect(answer).toHaveCount(1);
      await expect(answer).not.toHaveAttribute("data-pending", /.*/);
      await expect(quoteOf(answer)).toContainText("Alice Asks");
      await expect(quoteOf(answer)).toContainText("Where is the meeting?");
      await expect(quoteOf(answer)).toHaveAccessibleName(/In reply to/);
    }

    // Alice deletes her question: both pages say so in the quote at once.
    await alice.view.chooseFromMenu(byBody(alice.view, "Where is the meeting?"), "Delete message");
    for (const view of [alice.view, bob.view]) {
      await expect(byBody(view, "Where is the meeting?")).toHaveCount(0);
      const answer = view.message("Room 4, at noon");
      await expect(quoteOf(answer)).toHaveText(new RegExp(DELETED));
      await expect(quoteOf(answer)).not.toContainText("Where is the meeting?");
      await expect(answer.getByRole("button", { name: /In reply to/ })).toHaveCount(0);
    }
    // The server says the same after a reload.
    await bob.page.reload();
    await expect(quoteOf(bob.view.message("Room 4, at noon"))).toHaveText(new RegExp(DELETED));
  });

  test("a quote jumps to a parent far up, loading older pages until it is there", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Long Ago" });
    const [parent] = await makeMessages({
      channel: chatChannel,
      author: alice.user,
      bodies: ["The far-away question"],
    });
    if (!parent) throw new Error("no parent");
    await makeMessages({
      channel: chatChannel,
      author: alice.user,
      bodies: Array.from({ length: 70 }, (_, i) => `filler ${i + 1}`),
    });
    await insertMessages({
      channelId: chatChannel.id,
      items: [
        {
          authorId: alice.user.id,
          clientId: newClientId(),
          body: "Answering myself",
          replyTo: parent.id,
        },
      ],
    });
    const bob = await users.signedIn();
    await bob.view.open(chatChannel.slug);
    const answer = bob.view.message("Answering myself");
    await expect(quoteOf(answer)).toContainText("The far-away question");
    // Not in the first page.
    await expect(byBody(bob.view, "The far-away question")).toHaveCount(0);
    await quoteOf(answer).click();
    const target = byBody(bob.view, "The far-away question");
    await expect(target).toHaveCount(1);
    await expect(target).toBeFocused();
    await expect(target).toBeInViewport();
  });

  test("the message menu by keyboard: arrows, Home, End, Escape back to the button, Tab closes", async ({
    member,
    chatChannel,
  }) => {
    await member.view.open(chatChannel.slug);
    await member.view.send("my own words");
    await expect(member.view.message("my own words")).not.toHaveAttribute("data-pending", /.*/);
    const page = member.page;
    await openLastMenuByKeyboard(member.view);
    const button = member.view.menuButton(member.view.message("my own words"));
    await expect(button).toHaveAttribute("aria-haspopup", "menu");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    const item = (name: string) => page.getByRole("menuitem", { name });
    await expect(item("Reply")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(item("Add reaction")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(item("Edit message")).toBeFocused();
    await page.keyboard.press("End");
    await expect(item("Delete message")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(item("Reply")).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(item("Delete message")).toBeFocused();
    await page.keyboard.press("Home");
    await expect(item("Reply")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute("aria-expanded", "false");

    // ArrowUp on the button opens on the last item; Tab closes the menu.
    await page.keyboard.press("ArrowUp");
    await expect(item("Delete message")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("menu")).toHaveCount(0);

    // A click outside closes it too.
    await button.click();
    await expect(page.getByRole("menu")).toBeVisible();
    await member.view.messageList.click({ position: { x: 5, y: 5 } });
    await expect(page.getByRole("menu")).toHaveCount(0);
  });
});
