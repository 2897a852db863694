/**
 * The front door and Settings in both languages: a Chinese browser is answered in Chinese
 * (labels, buttons, the server's validation), the Language select switches a page in place, and
 * a signed-in person's choice is stored on the account, so it follows them to another device.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { findUserByUsername } from "@/db/queries/users";
import { makeUser, unique } from "../support/factories";
import { expect, signIn, test } from "./fixtures";

/**
 * A context whose browser asks for `locale`, with an address of its own (the app reads
 * `x-real-ip` when self-hosted), so its sign-ups never count against another test's.
 */
function contextIn(browser: Browser, locale: "en-US" | "zh-CN"): Promise<BrowserContext> {
  return browser.newContext({
    locale,
    extraHTTPHeaders: {
      "Accept-Language": locale === "zh-CN" ? "zh-CN,zh;q=0.9" : "en-US,en;q=0.9",
      "x-real-ip": `test-${unique("ip")}`,
    },
  });
}

/** Collects the page's uncaught script errors; a test ends by expecting none. */
function scriptErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** The sign-in and sign-up forms' own alert (Next.js adds an empty route announcer). */
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

test.describe("a Chinese browser", () => {
  test("gets the sign-in and sign-up pages in Chinese", async ({ browser }) => {
    const user = await makeUser();
    const context = await contextIn(browser, "zh-CN");
    const page = await context.newPage();
    const errors = scriptErrors(page);

    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle(/^登录/);
    await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "语言" })).toHaveValue("zh-CN");
    // The server's answer is Chinese too.
    await page.getByLabel("用户名", { exact: true }).fill(user.username);
    await page.getByLabel("密码", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(formAlert(page)).toHaveText("用户名或密码错误。");

    await page.getByRole("link", { name: "创建账号" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page).toHaveTitle(/^注册/);
    await expect(page.getByRole("heading", { name: "创建你的账号" })).toBeVisible();
    await expect(page.getByLabel("用户名", { exact: true })).toBeVisible();
    await expect(page.getByLabel("显示名称", { exact: true })).toBeVisible();
    await expect(page.getByLabel("密码", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "注册", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
    expect(errors).toEqual([]);
    await context.close();
  });

  test("signs up with a Chinese display name; a too-short username is refused in Chinese", async ({
    browser,
  }) => {
    const context = await contextIn(browser, "zh-CN");
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByLabel("用户名", { exact: true }).fill("ab");
    await page.getByLabel("显示名称", { exact: true }).fill("王小明 🐼");
    await page.getByLabel("密码", { exact: true }).fill("correct horse battery");
    // Skip the browser's own minlength check so the server's rule is what answers.
    await page.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(formAlert(page)).toHaveText("请更正下面标出的内容。");
    await expect(page.getByText("用户名至少需要 3 个字符")).toBeVisible();
    await expect(page.getByLabel("用户名", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );

    const username = unique("zh");
    await page.getByLabel("用户名", { exact: true }).fill(username);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    expect(await findUserByUsername(username)).toMatchObject({
      username,
      displayName: "王小明 🐼",
    });
    await context.close();
  });
});

test("the Language select on /signin switches the page to Chinese and back", async ({
  browser,
}) => {
  const context = await contextIn(browser, "en-US");
  const page = await context.newPage();
  const errors = scriptErrors(page);
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("button", { name: "登录", exact: true })).toBeVisible();
  await expect(page.getByLabel("用户名", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "语言" })).toHaveValue("zh-CN");
  // Signed out, the choice is this browser's: it holds across a reload.
  await page.reload();
  await expect(page.getByRole("button", { name: "登录", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByLabel("Username", { exact: true })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  expect(errors).toEqual([]);
  await context.close();
});

test("Settings: switching to 简体中文 is immediate, keeps the session, and follows the account", async ({
  browser,
}) => {
  // Two browsers, a reload and a form post: more page loads than one test's usual minute allows.
  test.slow();
  const user = await makeUser();
  const context = await contextIn(browser, "en-US");
  await signIn(context, user);
  const page = await context.newPage();
  const errors = scriptErrors(page);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "简体中文" });
  /** The Settings page as a Chinese reader sees it. */
  const expectChinese = async (p: Page) => {
    await expect(p.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
    await expect(p.getByRole("heading", { name: "显示名称" })).toBeVisible();
    await expect(p.getByRole("heading", { name: "密码", exact: true })).toBeVisible();
    await expect(p.getByRole("heading", { name: "会话" })).toBeVisible();
    await expect(p.getByRole("button", { name: "保存显示名称" })).toBeVisible();
    await expect(p.getByRole("button", { name: "修改密码" })).toBeVisible();
    await expect(p.getByRole("button", { name: "在所有设备上退出登录" })).toBeVisible();
    await expect(p.getByRole("combobox", { name: "语言" })).toHaveValue("zh-CN");
  };
  await expectChinese(page);
  await expect(page.getByRole("form", { name: "语言" }).getByRole("status")).toHaveText(
    "语言已更改。",
  );
  // Still signed in: the page is Settings, and a form that needs the session answers.
  await expect(page).toHaveURL(/\/settings$/);
  const nameForm = page.getByRole("form", { name: "显示名称" });
  await nameForm.getByLabel("显示名称").fill("小明 🐼");
  await nameForm.getByRole("button", { name: "保存显示名称" }).click();
  await expect(nameForm.getByRole("status")).toHaveText("显示名称已保存。");

  await page.reload();
  await expectChinese(page);
  expect(errors).toEqual([]);

  // Another device: a fresh English browser signed in as the same person reads Chinese.
  const other = await contextIn(browser, "en-US");
  await signIn(other, user);
  const otherPage = await other.newPage();
  await otherPage.goto("/settings");
  await expectChinese(otherPage);
  expect((await findUserByUsername(user.username))?.locale).toBe("zh-CN");
  await other.close();
  await context.close();
});
