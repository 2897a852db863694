/**
 * The support inbox is for people who answer support only: a member (or a visitor's session)
 * reads none of its lists, and the live `inbox` event reaches the rooms of agents alone, never a
 * member's page or a visitor's.
 */
import type { Page } from "@playwright/test";
import { ChannelView } from "../e2e/channel-view";
import { expect, test } from "../e2e/fixtures";
import { makeSite, widgetPath } from "../support/factories";

/** Counts the frames carrying an `inbox` event on any socket the page opens. */
function watchInbox(page: Page): () => number {
  let n = 0;
  page.on("websocket", (ws) => {
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload === "string" && payload.includes('"type":"inbox"')) n++;
    });
  });
  return () => n;
}

const roomReady = (page: Page) =>
  page.waitForResponse((r) => r.url().includes("/api/unread") && r.ok());

test("a member reads no inbox list and gets no inbox event; an agent gets both", async ({
  page,
  users,
}) => {
  const site = await makeSite();
  const agent = await users.signedIn({ role: "agent" });
  const member = await users.signedIn();
  const agentEvents = watchInbox(agent.page);
  const memberEvents = watchInbox(member.page);
  const visitorEvents = watchInbox(page);

  // Both have their own room open: the member on a community page (online, so activity would
  // reach them), the agent on the inbox (online by its heartbeat too).
  const agentReady = roomReady(agent.page);
  // "open": round-robin may give the new conversation to any agent online.
  await agent.page.goto("/support?view=open");
  await agentReady;
  const memberReady = roomReady(member.page);
  await member.page.goto("/");
  await memberReady;

  await page.goto(widgetPath(site));
  const visitorName = `Eve ${site.publicKey.slice(-5)}`;
  await page.getByLabel("Your name (optional)").fill(visitorName);
  await page.getByRole("button", { name: "Start chat" }).click();
  const visitor = new ChannelView(page);
  await visitor.send("is anyone listening?");
  const row = agent.page.getByRole("listitem").filter({ hasText: visitorName });
  await expect(row.getByText("1 unread")).toBeAttached();
  const heard = agentEvents();
  expect(heard).toBeGreaterThan(0);

  // One more change, so the member's room has had every chance to carry what the agent's did.
  await visitor.send("hello?");
  await expect.poll(agentEvents).toBeGreaterThan(heard);
  expect(memberEvents()).toBe(0);
  expect(visitorEvents()).toBe(0);
  await expect(member.page.getByText(visitorName)).toHaveCount(0);

  // Nor can the member read any list, whatever the view.
  for (const view of ["open", "mine", "unassigned", "closed", "bogus"]) {
    const answer = await member.context.request.get(`/support?view=${view}`);
    expect(answer.status()).toBe(403);
    const html = await answer.text();
    expect(html).not.toContain(visitorName);
    expect(html).not.toContain("/support/conv-");
  }
});
