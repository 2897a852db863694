/**
 * Round-robin among the agents online, and handing a conversation to another agent. Who is
 * online is the whole site's state, so this runs in the `alone` project (after every other e2e
 * spec, one test at a time).
 */
import { eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { findUserById } from "@/db/queries/users";
import { channels, conversations, users as userRows } from "@/db/schema";
import { makeSite, widgetPath } from "../support/factories";
import { ChannelView } from "./channel-view";
import { expect, test } from "./fixtures";

/** The conversations started on a site, with who has each, oldest first. */
async function conversationsOf(siteId: number) {
  return getDb()
    .select({ slug: channels.slug, assigneeId: conversations.assigneeId })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.siteId, siteId))
    .orderBy(conversations.channelId);
}

test("round-robin gives two agents one conversation each; one hands theirs to the other", async ({
  browser,
  page,
  users,
}) => {
  // Agents of earlier specs stay counted for a while after their pages closed.
  await getDb()
    .update(userRows)
    .set({ supportOnlineUntil: null })
    .where(isNotNull(userRows.supportOnlineUntil));
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
