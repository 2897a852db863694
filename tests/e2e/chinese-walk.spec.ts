/**
 * A person whose browser asks for Chinese walks the whole product, sign-up to admin pages, and
 * meets no English on the way: every page is checked for Latin-letter words that are not
 * somebody's typed text, a brand or a key name (english-left.ts).
 */
import type { Page } from "@playwright/test";
import { makeChannel, makeUser, unique } from "../support/factories";
import { expectAccessible } from "./accessibility";
import { englishLeft } from "./english-left";
import { expect, signIn, test } from "./fixtures";

test.use({
  locale: "zh-CN",
  extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" },
});

async function expectNoEnglish(page: Page, userData: string[]): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const left = await englishLeft(page, userData);
  expect(left, `English left on ${page.url()}`).toEqual([]);
  await expectAccessible(page);
}

test("sign-up → channel → send → settings → admin pages: all Chinese", async ({
  page,
  browser,
}) => {
  // Eleven pages in two browsers: a slow test's time on a shared machine.
  test.slow();
  const channel = await makeChannel({ label: "walk", name: "闲聊", topic: "随便聊聊" });
  const channelData = [channel.slug, `#${channel.slug}`];

  await page.goto("/signin");
  await expectNoEnglish(page, []);

  const username = unique("walker");
  await page.goto("/signup");
  await expectNoEnglish(page, []);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("显示名称").fill("王小明");
  await page.getByLabel("密码").fill("绿色的马在电池上跑步");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).not.toHaveURL(/\/signup/);

  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "频道" })).toBeVisible();
  await expectNoEnglish(page, [username, ...channelData]);

  await page.goto(`/c/${channel.slug}`);
  const box = page.getByRole("textbox", { name: "消息" });
  await box.fill("大家好，这是第一条消息");
  await box.press("Enter");
  const list = page.getByRole("list", { name: "消息列表" });
  await expect(list.getByRole("listitem").filter({ hasText: "大家好" })).toHaveCount(1);
  await expect(page.locator("[data-pending]")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "在线成员" })).toContainText("王小明");
  await expectNoEnglish(page, [username, ...channelData]);

  await page.goto("/settings");
  await expect(page.getByRole("combobox", { name: "语言" })).toBeVisible();
  await expectNoEnglish(page, [username]);

  await page.getByRole("link", { name: "提及", exact: true }).click();
  await expect(page.getByRole("heading", { name: "提及" })).toBeVisible();
  await expectNoEnglish(page, [username]);

  const missing = unique("nowhere");
  await page.goto(`/c/${missing}`);
  await expectNoEnglish(page, [missing]);

  // The admin pages, read by an admin with a Chinese browser, each filtered to this test's rows
  // (other tests' users and channels are in the same database).
  const admin = await makeUser({ role: "admin", label: "walk-admin" });
  const context = await browser.newContext({
    locale: "zh-CN",
    extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" },
  });
  try {
    await signIn(context, admin);
    const adminPage = await context.newPage();
    const adminData = [
      admin.username,
      `@${admin.username}`,
      admin.displayName,
      username,
      `@${username}`,
    ];
    for (const path of [
      `/admin/messages?channel=${channel.slug}`,
      `/admin/users?q=${username}`,
      `/admin/audit?actor=${admin.username}`,
    ]) {
      await adminPage.goto(path);
      await expect(adminPage.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoEnglish(adminPage, [...adminData, ...channelData]);
    }
  } finally {
    await context.close();
  }
});
