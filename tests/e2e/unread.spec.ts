import type { Page } from "@playwright/test";
import { makeChannel } from "../support/factories";
import { expect, test } from "./fixtures";

/** The sidebar's link to a channel, found by its whole accessible name. */
const link = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name, exact: true });

/**
 * The tab title's count is the unread in unmuted channels plus the mentions in muted ones, over
 * every channel the sidebar lists. Other tests post in their channels meanwhile, so the expected
 * number is read from the sidebar's own links (the same counts, said in their names) at the
 * moment, and the title must agree with it. A link past its cap ("99+ unread") says only a
 * lower bound, and then so does the sum.
 */
async function expectTitleCount(page: Page, contains: (counted: number) => void = () => {}) {
  await expect
    .poll(async () => {
      const names = await page
        .getByRole("navigation", { name: "Channels" })
        .getByRole("link")
        .evaluateAll((links) => links.map((a) => a.getAttribute("aria-label") ?? ""));
      let capped = false;
      const n = names.reduce((sum, name) => {
        const counted = /, muted/.test(name)
          ? /(\d+)(\+?) mentions?/.exec(name)
          : /(\d+)(\+?) unread/.exec(name);
        if (counted?.[2]) capped = true;
        return sum + Number(counted?.[1] ?? 0);
      }, 0);
      contains(n);
      const shown = /^\((\d+)\+?\) /.exec(await page.title());
      const titleCount = Number(shown?.[1] ?? 0);
      return capped ? titleCount >= n : titleCount === n;
    })
    .toBe(true);
}

test.describe("unread counts in the sidebar", () => {
  test("A posts while B reads another channel: B's link counts it live, and clears once B reads it", async ({
    users,
    chatChannel,
  }) => {
    const other = await makeChannel({ label: "elsewhere" });
    const a = await users.signedIn({ label: "poster" });
    const b = await users.signedIn({ label: "reader" });
    await b.view.open(other.slug);
    await expect(link(b.page, chatChannel.name)).toBeVisible();
    await a.view.open(chatChannel.slug);

    await a.view.send("first news");
    await expect(a.view.message("first news")).toBeVisible();
    await expect(link(b.page, `${chatChannel.name}, 1 unread`)).toBeVisible();
    await expect(link(b.page, `${chatChannel.name}, 1 unread`)).toHaveClass(/font-semibold/);
    await expectTitleCount(b.page, (n) => expect(n).toBeGreaterThanOrEqual(1));
    // Nobody is told about their own message.
    await expect(link(a.page, chatChannel.name)).toBeVisible();

    await a.view.send("second news");
    await expect(link(b.page, `${chatChannel.name}, 2 unread`)).toBeVisible();
    // A deleted message stops counting at once (the page recounts from MySQL), and comes back
    // to no one's count after a reload either.
    await a.view.send("regretted news");
    await expect(link(b.page, `${chatChannel.name}, 3 unread`)).toBeVisible();
    await a.view.chooseFromMenu(a.view.message("regretted news"), "Delete message");
    await expect(link(b.page, `${chatChannel.name}, 2 unread`)).toBeVisible();

    await link(b.page, `${chatChannel.name}, 2 unread`).click();
    await expect(b.view.message("second news")).toBeVisible();
    await expect(link(b.page, chatChannel.name)).toBeVisible();
    await expectTitleCount(b.page);

    // While B reads at the bottom of the open channel, new messages there do not count.
    await a.view.send("third news");
    await expect(b.view.message("third news")).toBeVisible();
    await b.page.reload();
    await expect(link(b.page, chatChannel.name)).toBeVisible();
  });

  test("a channel made after the page loaded joins the sidebar with its count", async ({
    users,
  }) => {
    const home = await makeChannel({ label: "home" });
    const a = await users.signedIn({ label: "poster" });
    const b = await users.signedIn({ label: "reader" });
    await b.view.open(home.slug);
    await expect(b.view.composer).toBeEnabled();
    const fresh = await makeChannel({ label: "fresh" });
    await expect(link(b.page, fresh.name)).toHaveCount(0);
    await a.view.open(fresh.slug);
    await a.view.send("hello, new channel");
    await expect(a.view.message("hello, new channel")).toBeVisible();
    // No reload by the test: the page recounts for a channel it did not list, and shows it.
    await expect(link(b.page, `${fresh.name}, 1 unread`)).toBeVisible();
    await expectTitleCount(b.page, (n) => expect(n).toBeGreaterThanOrEqual(1));
  });

  test("two tabs of one person: reading in one clears the count in the other", async ({
    users,
    chatChannel,
  }) => {
    const other = await makeChannel({ label: "elsewhere" });
    const a = await users.signedIn({ label: "poster" });
    const b = await users.signedIn({ label: "reader" });
    const second = await b.context.newPage();
    await b.view.open(other.slug);
    await second.goto(`/c/${other.slug}`);
    await a.view.open(chatChannel.slug);
    await expect(link(b.page, chatChannel.name)).toBeVisible();
    await expect(link(second, chatChannel.name)).toBeVisible();

    await a.view.send("for both tabs");
    await expect(link(b.page, `${chatChannel.name}, 1 unread`)).toBeVisible();
    await expect(link(second, `${chatChannel.name}, 1 unread`)).toBeVisible();

    await link(b.page, `${chatChannel.name}, 1 unread`).click();
    await expect(b.view.message("for both tabs")).toBeVisible();
    await expect(link(second, chatChannel.name)).toBeVisible({ timeout: 5_000 });
  });

  test("a muted channel counts without bold, and stays out of the tab title", async ({
    users,
    chatChannel,
  }) => {
    const other = await makeChannel({ label: "elsewhere" });
    const a = await users.signedIn({ label: "poster" });
    const b = await users.signedIn({ label: "reader" });
    await b.view.open(chatChannel.slug);
    const mute = b.page.getByRole("button", { name: "Mute channel" });
    await expect(mute).toHaveAttribute("aria-pressed", "false");
    await mute.click();
    await expect(mute).toHaveAttribute("aria-pressed", "true");
    await expect(link(b.page, `${chatChannel.name}, muted`)).toBeVisible();

    await b.view.open(other.slug);
    await expect(link(b.page, `${chatChannel.name}, muted`)).toBeVisible();
    await a.view.open(chatChannel.slug);
    await a.view.send("quiet news");
    const muted = link(b.page, `${chatChannel.name}, muted, 1 unread`);
    await expect(muted).toBeVisible();
    await expect(muted).not.toHaveClass(/font-semibold/);
    await expectTitleCount(b.page);

    // Unmuted from its own page, the count is bold again once there is something new.
    await b.view.open(chatChannel.slug);
    await expect(b.view.message("quiet news")).toBeVisible();
    // Read at the bottom of the page: the count clears before B moves on.
    await expect(link(b.page, `${chatChannel.name}, muted`)).toBeVisible();
    await b.page.getByRole("button", { name: "Mute channel" }).click();
    await expect(b.page.getByRole("button", { name: "Mute channel" })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    await expect(link(b.page, chatChannel.name)).toBeVisible();
    await b.view.open(other.slug);
    await a.view.send("loud news");
    await expect(link(b.page, `${chatChannel.name}, 1 unread`)).toHaveClass(/font-semibold/);
    await expectTitleCount(b.page, (n) => expect(n).toBeGreaterThanOrEqual(1));
  });
});
