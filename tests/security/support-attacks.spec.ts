/**
 * Attacks on the support widget's sessions and on conversations through the member routes: a
 * forged or another site's visitor cookie, a visitor cookie on member pages, a member (or a
 * cross-site page) asking for a conversation's token or history.
 */
import type { BrowserContext } from "@playwright/test";
import { SignJWT } from "jose";
import { startOrResume } from "@/app/_lib/support/conversations";
import { signVisitorSession, visitorCookieName } from "@/app/_lib/support/visitor-session";
import { WIDGET_EMBEDDER_HEADER } from "@/app/_lib/support/widget-headers";
import { findConversationBySlug, setAssignee } from "@/db/queries/conversations";
import { expect, test } from "../e2e/fixtures";
import { makeSite, makeUser, siteOrigin, type TestSite, widgetPath } from "../support/factories";

const base = () => process.env.E2E_BASE_URL as string;

async function conversationOn(site: TestSite) {
  const result = await startOrResume({
    site,
    visitor: null,
    name: "Target",
    email: "",
    pageUrl: "",
    address: "192.0.2.50",
  });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

/** The headers of the chat page's own calls when a page of `site` frames it. */
const fromFrame = (site: TestSite, embedder = siteOrigin(site)) => ({
  headers: { "sec-fetch-site": "same-origin", [WIDGET_EMBEDDER_HEADER]: embedder },
});

async function setVisitorCookie(context: BrowserContext, siteKey: string, value: string) {
  await context.addCookies([
    { name: visitorCookieName(siteKey), value, url: base(), httpOnly: true },
  ]);
}

test.describe("visitor sessions", () => {
  test("a valid cookie opens its own conversation; forged or another site's does not", async ({
    browser,
  }) => {
    const [site, otherSite] = await Promise.all([makeSite(), makeSite()]);
    const { conversation, visitor } = await conversationOn(site);
    const tokenUrl = (key: string) => `/api/widget/${key}/token?channel=${conversation.slug}`;
    const historyUrl = (key: string) => `/api/widget/${key}/channels/${conversation.slug}/messages`;

    const good = await browser.newContext();
    await setVisitorCookie(
      good,
      site.publicKey,
      await signVisitorSession({ userId: visitor.id, siteId: site.id }),
    );
    expect((await good.request.get(tokenUrl(site.publicKey), fromFrame(site))).status()).toBe(200);
    expect((await good.request.get(historyUrl(site.publicKey), fromFrame(site))).status()).toBe(
      200,
    );
    // The chat page framed by a page the site does not list, or a caller naming no page at all.
    const elsewhere = fromFrame(site, "https://evil.example");
    expect((await good.request.get(tokenUrl(site.publicKey), elsewhere)).status()).toBe(403);
    expect((await good.request.get(tokenUrl(site.publicKey))).status()).toBe(403);
    // Cross-site: another page posting with the visitor's SameSite=None cookie is refused.
    const crossSite = await good.request.get(tokenUrl(site.publicKey), {
      headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(crossSite.status()).toBe(403);
    await good.close();

    // The same claims signed with a key of the attacker's own.
    const forged = await new SignJWT({ site: site.id })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(visitor.id))
      .setAudience("chat-widget-visitor")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("attacker-chosen-secret-attacker-chosen"));
    const bad = await browser.newContext();
    await setVisitorCookie(bad, site.publicKey, forged);
    expect((await bad.request.get(tokenUrl(site.publicKey), fromFrame(site))).status()).toBe(401);
    expect((await bad.request.get(historyUrl(site.publicKey), fromFrame(site))).status()).toBe(401);
    const page = await bad.newPage();
    await page.goto(widgetPath(site));
    await expect(page.getByRole("button", { name: "Start chat" })).toBeVisible();
    await bad.close();

    // A genuine session of this visitor, presented to another site (its cookie name and route).
    const moved = await browser.newContext();
    await setVisitorCookie(
      moved,
      otherSite.publicKey,
      await signVisitorSession({ userId: visitor.id, siteId: site.id }),
    );
    expect(
      (await moved.request.get(tokenUrl(otherSite.publicKey), fromFrame(otherSite))).status(),
    ).toBe(401);
    // Claims naming the other site with this visitor's id: not that site's visitor.
    await setVisitorCookie(
      moved,
      otherSite.publicKey,
      await signVisitorSession({ userId: visitor.id, siteId: otherSite.id }),
    );
    expect(
      (await moved.request.get(tokenUrl(otherSite.publicKey), fromFrame(otherSite))).status(),
    ).toBe(401);
    await moved.close();
  });

  test("member pages and routes refuse a visitor cookie", async ({ browser }) => {
    const site = await makeSite();
    const { conversation, visitor } = await conversationOn(site);
    const context = await browser.newContext();
    const value = await signVisitorSession({ userId: visitor.id, siteId: site.id });
    await setVisitorCookie(context, site.publicKey, value);
    // The same value under the member session's cookie name is not a NextAuth session either.
    await context.addCookies([{ name: "next-auth.session-token", value, url: base() }]);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    expect(
      (await context.request.get(`/api/party/token?channel=${conversation.slug}`)).status(),
    ).toBe(401);
    expect(
      (await context.request.get(`/api/channels/${conversation.slug}/messages`)).status(),
    ).toBe(401);
    await context.close();
  });
});

test.describe("conversations through the member routes", () => {
  test("a member gets no token or history for a conversation; an agent does", async ({ users }) => {
    const site = await makeSite();
    const { conversation } = await conversationOn(site);
    const member = await users.signedIn();
    const agent = await users.signedIn({ role: "agent" });
    const token = `/api/party/token?channel=${conversation.slug}`;
    const history = `/api/channels/${conversation.slug}/messages`;
    const changes = `/api/channels/${conversation.slug}/changes?since=${new Date(0).toISOString()}&from=0&upTo=1`;
    const refused = await member.context.request.get(token);
    expect(refused.status()).toBe(404);
    expect(await refused.json()).toMatchObject({ code: "no_channel" });
    expect((await member.context.request.get(history)).status()).toBe(404);
    expect((await member.context.request.get(changes)).status()).toBe(404);
    expect((await member.context.request.get(token)).status()).toBe(404);
    // The channel page does not show it either.
    await member.page.goto(`/c/${conversation.slug}`);
    await expect(member.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);
    await member.page.goto(`/support/${conversation.slug}`);
    await expect(member.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);

    expect((await agent.context.request.get(token)).status()).toBe(200);
    expect((await agent.context.request.get(history)).status()).toBe(200);
  });
});

test.describe("assigning a conversation", () => {
  test("a forged target that does not answer support is refused; a member's or a visitor's replay of the action too", async ({
    browser,
    users,
  }) => {
    const site = await makeSite();
    const { conversation, visitor } = await conversationOn(site);
    const slug = conversation.slug;
    const [memberTarget, colleague] = await Promise.all([
      makeUser({ label: "not-agent" }),
      makeUser({ role: "agent", label: "colleague" }),
    ]);
    const agent = await users.signedIn({ role: "agent" });
    const member = await users.signedIn();
    const assignee = async () => (await findConversationBySlug(slug))?.assigneeId ?? null;
    const before = await assignee();

    await agent.page.goto(`/support/${slug}`);
    const form = agent.page.getByRole("form", { name: "Assign to someone" });
    const select = form.getByRole("combobox");
    // The page offers only agents; an attacker's browser adds the option it wants.
    for (const target of [memberTarget.id, visitor.id]) {
      await select.evaluate((element, id) => {
        const option = document.createElement("option");
        option.value = String(id);
        option.textContent = `forged ${id}`;
        element.append(option);
      }, target);
      await select.selectOption(String(target));
      await form.getByRole("button", { name: "Assign" }).click();
      await expect(form.getByRole("status")).toHaveText("That person does not answer support.");
      expect(await assignee()).toBe(before);
    }

    // The genuine call, captured to be replayed by others.
    const call = agent.page.waitForRequest(
      (r) => r.method() === "POST" && r.headers()["next-action"] !== undefined,
    );
    await select.selectOption(String(colleague.id));
    await form.getByRole("button", { name: "Assign" }).click();
    await expect(form.getByRole("status")).toHaveText(`Assigned to ${colleague.displayName}.`);
    const request = await call;
    const sent = request.headers();
    const headers = Object.fromEntries(
      ["next-action", "next-router-state-tree", "content-type", "accept", "origin"]
        .filter((name) => sent[name] !== undefined)
        .map((name) => [name, sent[name] as string]),
    );
    const replay = async (context: BrowserContext) =>
      (
        await context.request.post(request.url(), {
          headers,
          data: request.postDataBuffer() ?? "",
          maxRedirects: 0,
        })
      ).text();

    await setAssignee({ channelId: conversation.channelId, assigneeId: null });
    expect(await replay(member.context)).toContain("You are not allowed to do that.");
    expect(await assignee()).toBeNull();

    const visitorContext = await browser.newContext();
    try {
      await setVisitorCookie(
        visitorContext,
        site.publicKey,
        await signVisitorSession({ userId: visitor.id, siteId: site.id }),
      );
      // No member session: sent to sign in (by the proxy) or refused by the action itself.
      expect(await replay(visitorContext)).toMatch(/Sign in first\.|^\/signin\?/);
      expect(await assignee()).toBeNull();
    } finally {
      await visitorContext.close();
    }

    // The same bytes from the agent's own session work: the refusals above are the rules'.
    expect(await replay(agent.context)).toContain(`Assigned to ${colleague.displayName}.`);
    expect(await assignee()).toBe(colleague.id);
  });
});
