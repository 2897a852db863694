/**
 * Attacks through the app's own routes and actions: editing one's way around a mute or a
 * read-only channel, walking a whole channel through /changes, hammering the history routes.
 */
import type { Page } from "@playwright/test";
import { updateChannel } from "@/db/queries/channels";
import { findMessage, insertMessages } from "@/db/queries/messages";
import { expect, test } from "../e2e/fixtures";
import { makeMessages, newClientId, restrictUser, type TestChannel } from "../support/factories";

const messages = (page: Page) => page.getByRole("list", { name: "Messages" }).getByRole("listitem");

/** Opens the edit box of the message holding `text`, types `body` and saves. */
async function editThroughMenu(page: Page, text: string, body: string) {
  const item = messages(page).filter({ hasText: text });
  await item.hover();
  await item.getByRole("button", { name: /Actions for message/ }).click();
  await page.getByRole("menuitem", { name: "Edit message" }).click();
  await page.getByRole("textbox", { name: "Edit message" }).fill(body);
  await page.getByRole("textbox", { name: "Edit message" }).press("Enter");
}

async function bodyOf(id: number): Promise<string | undefined> {
  return (await findMessage(id))?.body;
}

test.describe("edits obey the posting rules", () => {
  test("a muted member cannot edit an old message into new text", async ({
    users,
    chatChannel: channel,
  }) => {
    const member = await users.signedIn();
    const [message] = await makeMessages({
      channel,
      author: member.user,
      bodies: ["written before the mute"],
    });
    await restrictUser(member.user.id, "mute");
    await member.page.goto(`/c/${channel.slug}`);
    await editThroughMenu(member.page, "written before the mute", "spam after the mute");
    await expect(member.page.getByRole("alert").filter({ hasText: /muted/ })).toBeVisible();
    expect(await bodyOf(message?.id as number)).toBe("written before the mute");
  });

  test("a member cannot edit their message in a read-only channel", async ({
    users,
    chatChannel: channel,
  }) => {
    const member = await users.signedIn();
    const [message] = await makeMessages({
      channel,
      author: member.user,
      bodies: ["before it went read-only"],
    });
    await updateChannel({ id: channel.id, changes: { readOnly: true } });
    await member.page.goto(`/c/${channel.slug}`);
    await editThroughMenu(member.page, "before it went read-only", "sneaked in");
    await expect(member.page.getByRole("alert").filter({ hasText: /read-only/ })).toBeVisible();
    expect(await bodyOf(message?.id as number)).toBe("before it went read-only");
  });
});

/** Fills a channel with `count` messages in one statement; returns the first and last ids. */
async function fill(channel: TestChannel, authorId: number, count: number) {
  const items = Array.from({ length: count }, (_, i) => ({
    authorId,
    clientId: newClientId(),
    body: `filler ${i}`,
  }));
  const stored = await insertMessages({ channelId: channel.id, items });
  const ids = stored.map((m) => m.id);
  return { first: Math.min(...ids), last: Math.max(...ids) };
}

test.describe("history routes are bounded", () => {
  test("/changes refuses a range wider than a page can hold with 400", async ({
    member: { context, user },
    chatChannel: channel,
  }) => {
    const { first, last } = await fill(channel, user.id, 2_100);
    const since = "1970-01-01T00:00:00.000Z";
    const changes = (from: number, upTo: number) =>
      context.request.get(
        `/api/channels/${channel.slug}/changes?since=${since}&from=${from}&upTo=${upTo}`,
      );
    const scan = await changes(0, Number.MAX_SAFE_INTEGER);
    expect(scan.status()).toBe(400);
    expect(await scan.json()).toMatchObject({ error: expect.stringMatching(/spans more than/) });
    expect((await changes(first, last)).status()).toBe(400);
    // What a page really holds is answered.
    expect((await changes(last - 500, last)).status()).toBe(200);
  });

  test("a small channel may still be asked about in full", async ({
    member: { context, user },
    chatChannel: channel,
  }) => {
    await makeMessages({ channel, author: user, bodies: ["one", "two"] });
    const response = await context.request.get(
      `/api/channels/${channel.slug}/changes?since=1970-01-01T00:00:00Z&from=0&upTo=${Number.MAX_SAFE_INTEGER}`,
    );
    expect(response.status()).toBe(200);
  });

  test("a user hammering the history routes is slowed down with 429", async ({
    users,
    chatChannel: channel,
  }) => {
    const { context } = await users.signedIn();
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const path =
        i % 2
          ? `/api/channels/${channel.slug}/messages?limit=1`
          : `/api/channels/${channel.slug}/changes?since=2020-01-01T00:00:00Z&from=0&upTo=0`;
      statuses.push((await context.request.get(path)).status());
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    // Someone else is not affected by that user's loop.
    const other = (await users.signedIn()).context;
    expect(
      (await other.request.get(`/api/channels/${channel.slug}/messages?limit=1`)).status(),
    ).toBe(200);
  });
});
