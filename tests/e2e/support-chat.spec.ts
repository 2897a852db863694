/**
 * The support widget end to end: a visitor opens /widget/SITE, starts a conversation and writes;
 * an agent on /support sees it, opens it and answers, both live; the visitor sees the answer
 * with the agent's name, the agent typing, and "Seen"; a reload keeps the conversation.
 */

import { eq } from "drizzle-orm";
import { startOrResume } from "@/app/_lib/support/conversations";
import { getDb } from "@/db";
import { findConversationBySlug } from "@/db/queries/conversations";
import { findUserById } from "@/db/queries/users";
import { channels, conversations } from "@/db/schema";
import { makeSite, makeUser, widgetPath } from "../support/factories";
import { ChannelView } from "./channel-view";
import { expect, signIn, test } from "./fixtures";

// "Nobody online" is about every agent on the site, so the test that needs none goes first and
// the one whose agent keeps a heartbeat goes after it, never beside it.
test.describe.configure({ mode: "serial" });

test("with nobody online the visitor is told so and can leave an email", async ({ page }) => {
  const site = await makeSite();
  await page.goto(widgetPath(site));
  await page.getByRole("button", { name: "Start chat" }).click();
  await expect(page.getByText("No one is online right now")).toBeVisible();
  await page.getByRole("textbox", { name: "Your email" }).fill("me@example.com");
  await page.getByRole("button", { name: "Send me the reply" }).click();
  await expect(page.getByText("we will reply to me@example.com")).toBeVisible();
});

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

/** The conversations started on a site, with who has each, oldest first. */
async function conversationsOf(siteId: number) {
  return getDb()
    .select({ slug: channels.slug, assigneeId: conversations.assigneeId })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.siteId, siteId))
    .orderBy(conversations.channelId);
}

// Last in this serial file: its agents keep a heartbeat. The earlier tests' conversations went to
// the earlier agent (still counted online for two minutes), so these two, never given one, are
// next in turn.
test("round-robin gives two agents one conversation each; one hands theirs to the other", async ({
  browser,
  page,
  users,
}) => {
  const site = await makeSite();
  const tag = site.publicKey.slice(-5);
  const alpha = await users.signedIn({ role: "agent", displayName: `Alpha ${tag}` });
  const bravo = await users.signedIn({ role: "agent", displayName: `Bravo ${tag}` });
  for (const agent of [alpha, bravo]) {
    await agent.page.goto("/support");
    await expect(agent.page.getByRole("heading", { name: "Open conversations" })).toBeVisible();
    // Online once the page's first heartbeat is stored.
    await expect
      .poll(async () => (await findUserById(agent.user.id))?.supportOnlineUntil ?? null)
      .not.toBeNull();
  }

  const second = await browser.newContext();
  try {
    for (const [visitorPage, name] of [
      [page, `First ${tag}`],
      [await second.newPage(), `Second ${tag}`],
    ] as const) {
      await visitorPage.goto(widgetPath(site));
      await visitorPage.getByLabel("Your name (optional)").fill(name);
      await visitorPage.getByRole("button", { name: "Start chat" }).click();
      await expect(new ChannelView(visitorPage).composer).toBeEnabled();
    }
  } finally {
    await second.close();
  }
  const started = await conversationsOf(site.id);
  expect(started.map((c) => c.assigneeId ?? 0).sort((a, b) => a - b)).toEqual(
    [alpha.user.id, bravo.user.id].sort((a, b) => a - b),
  );
  const alphas = started.find((c) => c.assigneeId === alpha.user.id);
  if (!alphas) throw new Error("Alpha was given nothing");

  await alpha.page.goto(`/support/${alphas.slug}`);
  const details = alpha.page.locator("dd").filter({ hasText: "Assigned to" });
  await expect(details).toHaveText(`Open · Assigned to ${alpha.user.displayName}`);
  const form = alpha.page.getByRole("form", { name: "Assign to someone" });
  await form.getByRole("combobox").selectOption(String(bravo.user.id));
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByRole("status")).toHaveText(`Assigned to ${bravo.user.displayName}.`);
  await expect(details).toHaveText(`Open · Assigned to ${bravo.user.displayName}`);

  await bravo.page.goto(`/support/${alphas.slug}`);
  await expect(bravo.page.locator("dd").filter({ hasText: "Assigned to" })).toHaveText(
    `Open · Assigned to ${bravo.user.displayName}`,
  );
  await expect(
    bravo.page.getByRole("form", { name: "Assign to someone" }).getByRole("combobox"),
  ).toHaveValue(String(bravo.user.id));
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
