/**
 * The widget on a host page of another origin, with an agent on the other side. Who the visitor
 * is: a token the site's server signed (Chat.identify) reaches the agent as a verified identity
 * and the page hears `chat:identity`; a forged or expired one is refused and starts nothing; a
 * site that requires verification takes no unverified visitor. An agent deletes a visitor's
 * message, and a visitor an agent bans is cut off and cannot start again. An answer that arrives while the panel is closed shows on the
 * launcher.
 */
import type { Page } from "@playwright/test";
import { SignJWT } from "jose";
import { findOpenConversationOfExternal } from "@/db/queries/conversations";
import { makeSite, type TestSite, unique } from "../support/factories";
import { expect, test } from "./fixtures";
import { type HostPage, startHostPage } from "./host-page";

let host: HostPage;

test.beforeAll(async ({ baseURL }) => {
  host = await startHostPage(new URL(baseURL ?? "").origin);
});

test.afterAll(async () => {
  await host.close();
});

/** What the site owner's server does: HS256 with the site's secret, a few minutes to live. */
function signIdentity(
  secret: string,
  claims: { sub: string; name?: string; email?: string },
  expiresIn: string | number = "5m",
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** Opens the site's page, hands the widget `token` (if any) and opens the chat. */
async function openWidget(page: Page, site: TestSite, token?: string) {
  await page.goto(host.url(site.publicKey));
  // What the page hears of each identify, as a site's own script would listen for it.
  await page.evaluate(() => {
    const heard: unknown[] = [];
    (window as unknown as { heardIdentity: unknown[] }).heardIdentity = heard;
    document
      .querySelector("script[data-site]")
      ?.addEventListener("chat:identity", (e) => heard.push((e as CustomEvent).detail));
  });
  await page.getByRole("button", { name: "Open chat" }).click();
  if (token) {
    await page.evaluate(
      (t) => (window as unknown as { Chat: { identify(t: string): void } }).Chat.identify(t),
      token,
    );
  }
  return page.frameLocator('iframe[title="Support chat"]');
}

/**
 * A verified visitor of `site` opens the chat on the host page and writes `text`; resolves once
 * the conversation is stored, with the frame, its composer and the conversation.
 */
async function verifiedVisitorWrites(page: Page, site: TestSite, text: string) {
  const sub = unique("cust");
  const chat = await openWidget(page, site, await signIdentity(site.secret, { sub }));
  const composer = chat.getByRole("textbox", { name: "Message" });
  await composer.fill(text);
  await composer.press("Enter");
  const stored = () => findOpenConversationOfExternal({ siteId: site.id, externalId: sub });
  await expect.poll(stored).not.toBeNull();
  const conversation = await stored();
  if (!conversation) throw new Error("no conversation");
  return { chat, composer, conversation };
}

const heardIdentity = (page: Page) =>
  page.evaluate(() => (window as unknown as { heardIdentity: unknown[] }).heardIdentity);

test("a token signed with the site's secret reaches the agent as a verified identity", async ({
  page,
  users,
}) => {
  const site = await makeSite({ origins: [host.origin] });
  const sub = unique("cust");
  const token = await signIdentity(site.secret, {
    sub,
    name: "Vera Verified",
    email: "vera@example.com",
  });
  const chat = await openWidget(page, site, token);
  const composer = chat.getByRole("textbox", { name: "Message" });
  await expect(composer).toBeEnabled();
  await composer.fill("I am who I say");
  await composer.press("Enter");
  const sent = chat.getByRole("list", { name: "Messages" }).getByRole("listitem");
  await expect(sent.filter({ hasText: "I am who I say" })).toBeVisible();
  expect(await heardIdentity(page)).toEqual([{ verified: true }]);

  const conversation = await findOpenConversationOfExternal({ siteId: site.id, externalId: sub });
  expect(conversation).toMatchObject({
    verified: true,
    visitorName: "Vera Verified",
    visitorEmail: "vera@example.com",
  });
  const agent = await users.signedIn({ role: "agent" });
  await agent.page.goto(`/support/${conversation?.slug}`);
  await expect(agent.view.message("I am who I say")).toBeVisible();
  const details = agent.page.getByRole("complementary", { name: "Visitor" });
  await expect(details).toContainText("Verified");
  await expect(details).not.toContainText("Not verified");
  await expect(details).toContainText("vera@example.com");
});

for (const [what, sign] of [
  ["a forged", (site: TestSite, sub: string) => signIdentity(`${site.secret}x`, { sub })],
  [
    "an expired",
    (site: TestSite, sub: string) =>
      signIdentity(site.secret, { sub }, Math.floor(Date.now() / 1000) - 120),
  ],
] as const) {
  test(`${what} token is refused and starts no conversation`, async ({ page }) => {
    const site = await makeSite({ origins: [host.origin] });
    const sub = unique("cust");
    const chat = await openWidget(page, site, await sign(site, sub));
    await expect(chat.getByText("We could not confirm who you are.")).toBeVisible();
    await expect(chat.getByRole("textbox", { name: "Message" })).toHaveCount(0);
    expect(await findOpenConversationOfExternal({ siteId: site.id, externalId: sub })).toBeNull();
    expect(await heardIdentity(page)).toEqual([{ verified: false, reason: "bad_identity" }]);
  });
}

test("a site that requires verification takes no unverified visitor", async ({ page }) => {
  const site = await makeSite({ origins: [host.origin], requireVerified: true });
  const chat = await openWidget(page, site);
  await chat.getByRole("button", { name: "Start chat" }).click();
  await expect(chat.getByText("Please sign in on this website to chat with us.")).toBeVisible();
  await expect(chat.getByRole("textbox", { name: "Message" })).toHaveCount(0);

  // The same visitor once the site vouches for them.
  const sub = unique("cust");
  await page.evaluate(
    (t) => (window as unknown as { Chat: { identify(t: string): void } }).Chat.identify(t),
    await signIdentity(site.secret, { sub, name: "Now Known" }),
  );
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeEnabled();
  expect(await findOpenConversationOfExternal({ siteId: site.id, externalId: sub })).toMatchObject({
    verified: true,
    visitorName: "Now Known",
  });
});

test("an agent deletes a visitor's abuse and bans them: cut off, and cannot start again", async ({
  page,
  users,
}) => {
  const site = await makeSite({ origins: [host.origin] });
  const { chat, composer, conversation } = await verifiedVisitorWrites(
    page,
    site,
    "something abusive",
  );

  const agent = await users.signedIn({ role: "agent" });
  await agent.page.goto(`/support/${conversation.slug}`);
  await expect(agent.view.message("something abusive")).toBeVisible();
  // An agent (not a moderator) removes it from the transcript, live on the visitor's page too.
  await agent.view.deleteMessage("something abusive", "abuse");
  await expect(agent.view.message("something abusive")).toHaveCount(0);
  await expect(
    chat
      .getByRole("list", { name: "Messages" })
      .getByRole("listitem")
      .filter({ hasText: "something abusive" }),
  ).toHaveCount(0);
  await agent.page.getByLabel("Reason for the ban").fill("abuse");
  await agent.page.getByRole("button", { name: "Ban visitor" }).click();
  await expect(agent.page.getByText("Visitor banned for 30 days")).toBeVisible();

  // The open socket is closed at once: the visitor can send nothing more.
  await expect(composer).toBeDisabled();
  // A reload, even as a fresh anonymous visitor from the same address, starts nothing.
  await page.context().clearCookies();
  const again = await openWidget(page, site);
  await again.getByRole("button", { name: "Start chat" }).click();
  await expect(again.getByText("You cannot start a conversation here.")).toBeVisible();
});

test("an answer that arrives while the panel is closed shows on the launcher", async ({
  page,
  users,
}) => {
  const site = await makeSite({ origins: [host.origin] });
  const { chat, conversation } = await verifiedVisitorWrites(page, site, "anyone there?");
  await page.getByRole("button", { name: "Close chat" }).click();

  const agent = await users.signedIn({ role: "agent" });
  await agent.page.goto(`/support/${conversation.slug}`);
  for (const answer of ["Yes, hello", "How can I help?"]) {
    await agent.view.composer.fill(answer);
    await agent.view.composer.press("Enter");
    await expect(agent.view.message(answer)).toBeVisible();
  }
  const launcher = page.getByRole("button", { name: "Open chat, 2 unread" });
  await expect(launcher).toBeVisible();
  await launcher.click();
  await expect(
    chat
      .getByRole("list", { name: "Messages" })
      .getByRole("listitem")
      .filter({ hasText: "How can I help?" }),
  ).toBeVisible();
  // Seen now: closed again, the launcher has nothing to count.
  await page.getByRole("button", { name: "Close chat" }).click();
  await expect(page.getByRole("button", { name: "Open chat", exact: true })).toBeVisible();
});
