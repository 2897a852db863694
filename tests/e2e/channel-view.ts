/**
 * The channel view (/c/SLUG) as a person finds it, by accessible names: the composer, the message
 * list, who is here, and the menu each message has. Specs ask it for locators and assert on them
 * themselves, so every assertion stays in the spec.
 */
import type { Locator, Page } from "@playwright/test";

export class ChannelView {
  /** The textbox labelled Message. */
  readonly composer: Locator;
  readonly sendButton: Locator;
  /** The list labelled Messages. */
  readonly messageList: Locator;
  /** Each message shown, oldest first. */
  readonly messages: Locator;
  /** The list of people connected to the channel. */
  readonly whoIsHere: Locator;
  /** The lines between days in the message list, each named by its day ("Today", a date…). */
  readonly dayDividers: Locator;
  /** The "New messages" line above the first unread message. */
  readonly unreadDivider: Locator;
  /** The live line above the composer that says who is typing (empty when nobody is). */
  readonly typing: Locator;
  /** The inline editor of a message (open on one message at a time). */
  readonly editor: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByRole("textbox", { name: "Message" });
    this.sendButton = page.getByRole("button", { name: "Send" });
    this.messageList = page.getByRole("list", { name: "Messages" });
    // The list's own items: a message can hold a Markdown list, whose items are list items too.
    // A day divider is an item between them (marked data-day-divider), not a message, and so is
    // the "New messages" divider (data-unread-divider).
    this.messages = this.messageList.locator(
      ":scope > li:not([data-day-divider]):not([data-unread-divider])",
    );
    this.whoIsHere = page.getByRole("list", { name: "Who is here" });
    this.dayDividers = this.messageList
      .locator(":scope > [data-day-divider]")
      .getByRole("separator");
    this.unreadDivider = this.messageList.getByRole("separator", { name: "New messages" });
    this.typing = page.locator("[data-typing]");
    this.editor = page.getByRole("textbox", { name: "Edit message" });
  }

  /** Opens the channel with this slug. */
  async open(slug: string): Promise<void> {
    await this.page.goto(`/c/${slug}`);
  }

  /** Types `text` into the composer and sends it with Enter. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** A message's body: its text as the Markdown subset renders it. */
  body(message: Locator): Locator {
    return message.locator("[data-message-body]");
  }

  /** The messages whose text contains `text`. */
  message(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  /** The per-message menu button; the view shows it on hover, and only where it is allowed. */
  menuButton(message: Locator): Locator {
    return message.getByRole("button", { name: /Actions for message/ });
  }

  /** Opens a message's menu and picks one of its items. */
  async chooseFromMenu(message: Locator, item: string): Promise<void> {
    await message.hover();
    await this.menuButton(message).click();
    await this.page.getByRole("menuitem", { name: item }).click();
  }

  /** Deletes the message holding `text` through its menu, giving `reason`. */
  async deleteMessage(text: string, reason: string): Promise<void> {
    await this.chooseFromMenu(this.message(text), "Delete message");
    await this.page.getByLabel("Reason for deleting").fill(reason);
    await this.page.getByRole("button", { name: "Delete for everyone" }).click();
  }

  /** Replaces a message's text through its menu's Edit item. */
  async editMessage(message: Locator, body: string): Promise<void> {
    await this.chooseFromMenu(message, "Edit message");
    const editor = this.page.getByRole("textbox", { name: "Edit message" });
    await editor.fill(body);
    await editor.press("Enter");
  }
}
