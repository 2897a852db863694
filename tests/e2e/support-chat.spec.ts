/**
 * The support widget end to end: a visitor opens /widget/SITE, starts a conversation and writes;
 * an agent on /support sees it, opens it and answers, both live; the visitor sees the answer
 * with the agent's name, the agent typing, and "Seen"; a reload keeps the conversation.
 */

import type { Page } from "@playwright/test";
import { startOrResume } from "@/app/_lib/support/conversations";
import { findConversationBySlug } from "@/db/queries/conversations";
import { makeSite, makeUser, widgetPath } from "../support/factories";
import { ChannelView } from "./channel-view";
import { expect, signIn, test } from "./fixtures";

test("a visitor and an agent chat live through the widget and /support", async ({
  page,
  users,
}) => {
  const site = await makeSite({ greeting: "Welcome to the shop" });
  const agent = await users.signedIn({
    role: "agent",
    displayName: `Agent ${site.publicKey.slice(-5)}`,
  });
  // The agent's inbox is open first, so the visitor is told someone is online.
  await agent.page.goto("/support");
  await expect(agent.page.getByRole("heading", { name: "Open conversations" })).toBeVisible();

  await page.goto(widgetPath(site));
  await expect(page.getByText("Welcome to the shop")).toBeVisible();
  const visitorName = `Vic ${site.publicKey.slice(-5)}`;
  await page.getByLabel("Your name (optional)").fill(visitorName);
  await page.getByRole("button", { name: "Start chat" }).click();
  const visitor = new ChannelView(page);
  await expect(visitor.composer).toBeEnabled();
  await visitor.send("Where is my order?");
  await expect(visitor.message("Where is my order?")).toBeVisible();
  await expect(visitor.messages.filter({ hasText: "Sending" })).toHaveCount(0);

  // The inbox refreshes by itself: the conversation shows up without a reload.
  const link = agent.page.getByRole("link", { name: visitorName });
  await expect(link).toBeVisible();
  await link.click();
  await expect(agent.view.message("Where is my order?")).toBeVisible();
  // The agent's page has read it: the visitor sees "Seen" under their message.
  await expect(page.getByRole("status").filter({ hasText: "Seen" })).toBeVisible();

  // Typing goes only over an open socket: both are in the room first.
  await expect(agent.view.whoIsHere).toContainText(visitorName);
  await agent.view.composer.pressSequentially("It ships");
  await expect(visitor.typing).toContainText(`${agent.user.displayName} is typing`);
  await agent.view.composer.fill("It ships today");
  await agent.view.composer.press("Enter");
  const answer = visitor.message("It ships today");
  await expect(answer).toBeVisible();
  await expect(answer).toContainText(agent.user.displayName);

  await visitor.send("Thanks!");
  await expect(agent.view.message("Thanks!")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Seen" })).toBeVisible();

  // A reload keeps the conversation (the visitor's cookie).
  await page.reload();
  await expect(visitor.message("Where is my order?")).toBeVisible();
  await expect(visitor.message("It ships today")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start chat" })).toHaveCount(0);
  await visitor.send("Still here after a reload");
  await expect(agent.view.message("Still here after a reload")).toBeVisible();
  // "Seen" again, and closing, reach the visitor's page through the room (its poll of the
  // state route runs every 30 s, longer than any of these waits).
  await expect(page.getByRole("status").filter({ hasText: "Seen" })).toBeVisible();
  await agent.page.getByRole("button", { name: "Close conversation" }).click();
  await expect(page.getByText("This conversation is closed.").first()).toBeVisible();
  await expect(visitor.composer).toBeDisabled();
});

test("where no cookie is stored, the tab keeps a session-only visitor", async ({
  page,
  context,
}) => {
  // A browser that keeps no third-party cookie: the start action's Set-Cookie is dropped on the
  // way in. Only the action's POST is fulfilled here: Chromium treats a document it did not
  // fetch itself as public, and would then refuse its socket to the local room.
  await context.route("**/widget/**", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    // route.fetch shares the context's cookie jar, which would keep the cookie by itself.
    await context.clearCookies();
    const headers = { ...response.headers() };
    delete headers["set-cookie"];
    await route.fulfill({ response, headers });
  });
  const site = await makeSite();
  await page.goto(widgetPath(site));
  await page.getByRole("button", { name: "Start chat" }).click();
  const visitor = new ChannelView(page);
  await visitor.send("no cookies here");
  await expect(visitor.message("no cookies here")).toBeVisible();
  await expect(visitor.messages.filter({ hasText: "Sending" })).toHaveCount(0);
  expect(await context.cookies()).toEqual([]);
  // A reload in the same tab resumes the conversation from sessionStorage.
  await page.reload();
  await expect(visitor.message("no cookies here")).toBeVisible();
  await visitor.send("still the same conversation");
  await expect(visitor.message("still the same conversation")).toBeVisible();
  await expect(visitor.messages).toHaveCount(2);
});

/**
 * Counts the `inbox` events the page's own room passes it. Call before the page opens its room.
 * Resolves once that room's socket is open and the page has asked for its counts (the room
 * takes events from then on).
 */
function watchInboxEvents(page: Page): { count: () => number; ready: Promise<unknown> } {
  let events = 0;
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/parties/user/")) return;
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload === "string" && payload.includes('"type":"inbox"')) events++;
    });
  });
  // The page's recount on open: its socket is in the room by then.
  const ready = page.waitForResponse((r) => r.url().includes("/api/unread") && r.ok());
  return { count: () => events, ready };
}

test("the inbox: a new conversation arrives live and unread, opening it reads it, assigning moves it between lists", async ({
  page,
  users,
}) => {
  const site = await makeSite();
  const agent = await users.signedIn({ role: "agent" });
  const inbox = agent.page;
  const events = watchInboxEvents(inbox);
  await inbox.goto("/support?view=open");
  const tabs = inbox.getByRole("navigation", { name: "Conversation lists" });
  const tab = (name: string) => tabs.getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(tab("Open")).toHaveAttribute("aria-current", "page");
  await expect(tab("Unassigned")).not.toHaveAttribute("aria-current", "page");
  await expect(inbox.getByRole("heading", { name: "Open conversations" })).toBeVisible();
  await events.ready;
  const before = events.count();

  // The visitor starts and writes; the agent's list is not reloaded by the test. The fallback
  // poll is 10 minutes in tests (tests/run.ts), so what arrives came by the inbox event.
  await page.goto(widgetPath(site));
  const visitorName = `Una ${site.publicKey.slice(-5)}`;
  await page.getByLabel("Your name (optional)").fill(visitorName);
  await page.getByRole("button", { name: "Start chat" }).click();
  const visitor = new ChannelView(page);
  const row = inbox.getByRole("listitem").filter({ hasText: visitorName });
  await expect(row).toBeVisible();
  await expect(row).toContainText("No messages yet");
  await visitor.send("My parcel is lost");
  await visitor.send("Order <b>77</b>");
  await expect(visitor.messages.filter({ hasText: "Sending" })).toHaveCount(0);
  await expect(row.getByText("2 unread")).toBeAttached();
  // The newest message as text (the markup stays characters), and the row is bold.
  await expect(row).toContainText("Order <b>77</b>");
  await expect(row).toHaveClass(/font-semibold/);
  await expect(row).toContainText(site.name);
  // Round-robin gave it to an agent online (this one, or one of a parallel test).
  await expect(row).toContainText("Assigned to");
  expect(events.count()).toBeGreaterThan(before);

  // Opening it (in a second tab, the list stays open) reads it: the badge goes, live.
  const conversationPage = await agent.context.newPage();
  await conversationPage.goto(
    (await row.getByRole("link", { name: visitorName }).getAttribute("href")) ?? "",
  );
  await expect(new ChannelView(conversationPage).message("Order <b>77</b>")).toBeVisible();
  await expect(row.getByText(/unread/)).toHaveCount(0);
  await expect(row).not.toHaveClass(/font-semibold/);

  // Unassigned by hand, it shows in "unassigned"; assigned to this agent, it leaves that list
  // (live) and shows under "mine".
  const assignForm = conversationPage.getByRole("form", { name: "Assign to someone" });
  await assignForm.getByRole("combobox").selectOption("");
  await assignForm.getByRole("button", { name: "Assign" }).click();
  await expect(assignForm.getByRole("status")).toHaveText("Conversation unassigned.");
  await tab("Unassigned").click();
  await expect(tab("Unassigned")).toHaveAttribute("aria-current", "page");
  await expect(row).toContainText("Unassigned");
  await conversationPage.getByRole("button", { name: "Assign to me" }).click();
  await expect(conversationPage.getByText("Assigned to you.")).toBeVisible();
  await expect(row).toHaveCount(0);
  await conversationPage.close();
  await tab("Mine").click();
  await expect(tab("Mine")).toHaveAttribute("aria-current", "page");
  const mine = inbox.getByRole("listitem").filter({ hasText: visitorName });
  await expect(mine).toContainText(`Assigned to ${agent.user.displayName}`);

  // A new message from the visitor shows in "mine" as unread again.
  await visitor.send("Any news?");
  await expect(mine.getByText("1 unread")).toBeAttached();
  await expect(mine).toContainText("Any news?");
});

test.describe("before the page's script runs", () => {
  test.use({ javaScriptEnabled: false });
  test("the pre-chat form starts a conversation", async ({ page }) => {
    const site = await makeSite();
    await page.goto(widgetPath(site));
    await page.getByLabel("Your name (optional)").fill("No Script");
    await page.getByRole("button", { name: "Start chat" }).click();
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  });
});

test.describe("assigning before the page's script runs", () => {
  // Signed in by hand: the `users` fixture runs axe on its pages afterwards, a script that
  // cannot run where scripts are off.
  test("the assign form works as a plain form", async ({ browser }) => {
    const site = await makeSite();
    const started = await startOrResume({
      site,
      visitor: null,
      name: "Plain",
      email: "",
      pageUrl: "",
      address: "192.0.2.77",
    });
    if (!started.ok) throw new Error(started.reason);
    const agent = await makeUser({ role: "agent", label: "plain-a" });
    const other = await makeUser({ role: "agent", label: "plain-b" });
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      await signIn(context, agent);
      const page = await context.newPage();
      await page.goto(`/support/${started.conversation.slug}`);
      const form = page.getByRole("form", { name: "Assign to someone" });
      await form.getByRole("combobox").selectOption(String(other.id));
      await form.getByRole("button", { name: "Assign" }).click();
      await expect(
        page.getByRole("form", { name: "Assign to someone" }).getByRole("status"),
      ).toHaveText(`Assigned to ${other.displayName}.`);
      expect((await findConversationBySlug(started.conversation.slug))?.assigneeId).toBe(other.id);
    } finally {
      await context.close();
    }
  });
});
