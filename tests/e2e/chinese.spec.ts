import { makeUser, restrictUser } from "../support/factories";
import { expect, signIn, test } from "./fixtures";

/**
 * The channel page for a reader whose browser asks for Chinese: every label, state and refusal
 * in Simplified Chinese, with nothing in the URL.
 */
test("a Chinese reader gets the channel page in Chinese, refusals included", async ({
  browser,
  chatChannel,
}) => {
  // A send, a refusal and three pages in one story: more than the usual minute.
  test.slow();
  const user = await makeUser({ displayName: "李雷" });
  const context = await browser.newContext({ locale: "zh-CN" });
  try {
    await signIn(context, user);
    const page = await context.newPage();
    await page.goto(`/c/${chatChannel.slug}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    // Other tests post meanwhile, so the title may start with this person's unread count.
    await expect(page).toHaveTitle(new RegExp(`^(\\(\\d+\\+?\\) )?#${chatChannel.slug} · 聊天$`));
    await expect(page.getByRole("navigation", { name: "频道" })).toBeVisible();
    await expect(page.getByRole("list", { name: "在线成员" })).toContainText("李雷");
    const box = page.getByRole("textbox", { name: "消息" });
    await expect(box).toHaveAttribute("placeholder", "输入消息");
    await expect(page.getByText("按 Enter 发送，Shift+Enter 换行")).toBeVisible();
    await expect(page.getByText("还没有消息，来打个招呼吧！")).toBeVisible();

    await box.press("Enter");
    await expect(page.getByText("请先输入消息")).toBeVisible();

    await box.fill("第一条消息");
    await page.getByRole("button", { name: "发送" }).click();
    const list = page.getByRole("list", { name: "消息列表" });
    await expect(list.getByRole("listitem").filter({ hasText: "第一条消息" })).toHaveCount(1);
    // Stored, not only shown as pending: the mute below must not catch it.
    await expect(page.locator("[data-pending]")).toHaveCount(0);

    // Muted behind the page's back: the store route refuses with a code, the page words it.
    await restrictUser(user.id, "mute");
    await box.fill("还能说话吗？");
    await box.press("Enter");
    const failed = page.locator("[data-pending='failed']");
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText("未发送");
    await expect(failed).toContainText(/你在此频道已被禁言，至 .*\d\d:\d\d/);
    await expect(failed.getByRole("button", { name: "重试" })).toBeVisible();

    await page.goto("/");
    await expect(page).toHaveTitle(/^(\(\d+\+?\) )?频道 · 聊天$/);
    await expect(page.getByRole("heading", { name: "频道" })).toBeVisible();
    await page.goto("/c/no-such-channel-here");
    await expect(page.getByRole("heading", { name: "频道不存在" })).toBeVisible();
  } finally {
    await context.close();
  }
});
