/**
 * Sends are paced, not refused: a burst well past the room's rate limit (burst 5, then one a
 * second) is held on the page as "Sending…" and goes out as tokens come, so that no row ever
 * fails, and the other person sees every message once, in the order it was typed.
 */
import type { Page } from "@playwright/test";
import { makeChannel } from "../support/factories";
import { expect, test } from "./fixtures";

const COUNT = 30;

declare global {
  interface Window {
    /** Every failed pending row (or Retry button) the page ever showed, by its text. */
    __failedRows?: string[];
  }
}

/** Records, from the first paint on, any pending row that turns failed or any Retry button. */
async function watchForFailedRows(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    window.__failedRows = seen;
    const check = (node: Node) => {
      if (!(node instanceof Element)) return;
      const rows = [
        ...(node.matches('[data-pending="failed"]') ? [node] : []),
        ...node.querySelectorAll('[data-pending="failed"]'),
      ];
      for (const row of rows) seen.push(row.textContent ?? "");
      for (const button of node.querySelectorAll("button")) {
        if (button.textContent === "Retry")
          seen.push(`Retry: ${button.closest("li")?.textContent}`);
      }
    };
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "attributes") check(record.target);
        for (const node of record.addedNodes) check(node);
      }
    });
    const start = () =>
      observer.observe(document.documentElement, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["data-pending"],
      });
    if (document.documentElement) start();
    else document.addEventListener("DOMContentLoaded", start);
  });
}

/** The bodies of the stored messages the page shows, in order. */
function bodiesOf(page: Page): Promise<string[]> {
  return page
    .getByRole("list", { name: "Messages" })
    .locator(":scope > li:not([data-day-divider]) [data-message-body]")
    .allInnerTexts();
}

test.describe("a burst of sends", () => {
  test("thirty messages typed as fast as possible all arrive, once each, in order, none failed", async ({
    users,
    chatChannel,
  }) => {
    // Thirty messages at the room's default of one a second after a burst of five.
    test.slow();
    const alice = await users.signedIn({ displayName: "Alice Burst" });
    const bob = await users.signedIn({ displayName: "Bob Burst" });
    await watchForFailedRows(alice.page);
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(alice.view.whoIsHere).toContainText("Bob Burst");
    await expect(bob.view.whoIsHere).toContainText("Alice Burst");

    const run = crypto.randomUUID().slice(0, 8);
    const bodies = Array.from(
      { length: COUNT },
      (_, i) => `burst ${run} ${String(i + 1).padStart(2, "0")}`,
    );
    for (const body of bodies) {
      await alice.view.composer.fill(body);
      await alice.view.composer.press("Enter");
    }
    // Far more than the room lets through at once: most wait on the page, shown sending.
    await expect(alice.page.locator('[data-pending="sending"]').first()).toBeVisible();
    await expect(alice.page.getByText("Sending…").first()).toBeVisible();

    // The pacer goes at the room's rate: about half a minute for thirty.
    await expect
      .poll(async () => (await bodiesOf(bob.page)).length, { timeout: 90_000 })
      .toBeGreaterThanOrEqual(COUNT);
    expect((await bodiesOf(bob.page)).map((b) => b.trim())).toEqual(bodies);

    await expect(alice.page.locator("[data-pending]")).toHaveCount(0, { timeout: 30_000 });
    expect((await bodiesOf(alice.page)).map((b) => b.trim())).toEqual(bodies);
    expect(await alice.page.evaluate(() => window.__failedRows ?? ["watcher missing"])).toEqual([]);

    // Stored once each, in order: a fresh page reads the same list from the server.
    await bob.page.reload();
    await expect(bob.view.messages).toHaveCount(COUNT);
    expect((await bodiesOf(bob.page)).map((b) => b.trim())).toEqual(bodies);
  });

  test("leaving the channel while a burst waits its turn loses none of it", async ({
    users,
    chatChannel,
  }) => {
    test.slow();
    const elsewhere = await makeChannel({ label: "elsewhere" });
    const alice = await users.signedIn({ displayName: "Alice Leaves" });
    const bob = await users.signedIn({ displayName: "Bob Stays" });
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(alice.view.whoIsHere).toContainText("Bob Stays");

    const run = crypto.randomUUID().slice(0, 8);
    const bodies = Array.from({ length: 12 }, (_, i) => `left ${run} ${i + 1}`);
    for (const body of bodies) {
      await alice.view.composer.fill(body);
      await alice.view.composer.press("Enter");
    }
    // Gone while most still wait on the page (the room takes five, then one a second).
    await expect(alice.page.locator('[data-pending="sending"]').first()).toBeVisible();
    await alice.view.open(elsewhere.slug);
    await expect(alice.view.composer).toBeEditable();
    await alice.view.open(chatChannel.slug);

    await expect
      .poll(async () => (await bodiesOf(bob.page)).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(bodies.length);
    expect((await bodiesOf(bob.page)).map((b) => b.trim())).toEqual(bodies);
    await expect(alice.page.locator("[data-pending]")).toHaveCount(0, { timeout: 30_000 });
    await bob.page.reload();
    await expect(bob.view.messages).toHaveCount(bodies.length);
  });
});
