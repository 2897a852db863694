import type { Page } from "@playwright/test";
import { makeChannel } from "../support/factories";
import { expect, test } from "./fixtures";

/**
 * Elements that scroll sideways (the document, or any box whose overflow scrolls) with how far:
 * a long unbroken run of user text must wrap, never widen the page or a list.
 */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root && root.scrollWidth > root.clientWidth) {
      found.push(`document: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      const { overflowX } = getComputedStyle(el);
      if ((overflowX === "auto" || overflowX === "scroll") && el.scrollWidth > el.clientWidth) {
        const name = el.getAttribute("aria-label") ?? el.tagName.toLowerCase();
        found.push(`${name}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return found;
  });
}

test("CJK runs, long URLs and long Chinese names wrap on a 375px-wide phone", async ({ users }) => {
  // Two pages of 4,000-character messages, a reload and three layouts: more than the usual minute.
  test.slow();
  const channel = await makeChannel({
    // At the columns' limits: 80 and 255 characters, with no space to break at.
    name: "中文频道名称".repeat(13),
    topic: "这是一个很长的频道主题".repeat(23),
  });
  const { page, view, user } = await users.signedIn({
    displayName: "很长的中文显示名称".repeat(7),
  });
  await page.setViewportSize({ width: 375, height: 740 });
  await view.open(channel.slug);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("中文频道名称");
  await expect(view.composer).toBeEnabled();
  // The phone's presence line (the sidebar list is hidden this narrow); open it to show names.
  await page.getByText(/\d here/).click();
  await expect(page.locator("details li").filter({ hasText: user.displayName })).toBeVisible();

  const cjk = "中文字符测试".repeat(500);
  const url = `https://example.com/${"a".repeat(1_500)}?q=${"b".repeat(500)}`;
  for (const body of [cjk, url]) {
    await view.composer.fill(body);
    await view.composer.press("Enter");
    await expect(view.composer).toHaveValue("");
  }
  await expect(view.messages).toHaveCount(2);
  await expect(page.locator("[data-pending]")).toHaveCount(0);
  expect(await sidewaysScrollers(page)).toEqual([]);

  // History rendered by the server wraps the same way.
  await page.reload();
  await expect(view.messages).toHaveCount(2);
  expect(await sidewaysScrollers(page)).toEqual([]);

  // The channel list shows the whole name and topic.
  await page.goto("/");
  await expect(page.getByRole("list", { name: "Channel list" })).toContainText(channel.topic);
  expect(await sidewaysScrollers(page)).toEqual([]);

  // On a wide screen the sidebar's channel link wraps inside its column.
  await page.setViewportSize({ width: 1280, height: 800 });
  await view.open(channel.slug);
  await expect(page.getByRole("navigation", { name: "Channels" })).toContainText(channel.name);
  expect(await sidewaysScrollers(page)).toEqual([]);
});
