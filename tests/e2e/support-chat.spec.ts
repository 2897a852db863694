/**
 * The support widget end to end: a visitor opens /widget/SITE, starts a conversation and writes;
 * an agent on /support sees it, opens it and answers, both live; the visitor sees the answer
 * with the agent's name, the agent typing, and "Seen"; a reload keeps the conversation.
 */

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
