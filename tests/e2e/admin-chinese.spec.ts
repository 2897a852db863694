import { makeChannel, makeMessages, makeUser } from "../support/factories";
import { expect, signIn, test } from "./fixtures";

// The browser asks for Chinese (Accept-Language: zh-CN); the account has no language of its own.
test.use({ locale: "zh-CN" });

test.describe("the admin pages in Chinese", () => {
  test("an admin reads every admin page in Chinese, bans a member and finds the ban in the audit log", async ({
    page,
    context,
  }) => {
    // Five pages and a ban in one story: more than one page's worth of time on a busy machine.
    test.slow();
    const [admin, member, channel] = await Promise.all([
      makeUser({ role: "admin", label: "zh-admin" }),
      makeUser({ label: "zh-member" }),
      makeChannel({ label: "zh-room" }),
    ]);
    const [spam] = await makeMessages({ channel, author: member, bodies: ["便宜手表，私聊我"] });
    if (!spam) throw new Error("the factory stored no message");
    await signIn(context, admin);

    // /admin opens the messages page.
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/messages$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle("消息 · 管理后台");
    const nav = page.getByRole("navigation", { name: "管理后台" });
    for (const name of ["消息", "用户", "频道", "审计日志"]) {
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: "← 返回聊天" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("消息");

    await page.goto(`/admin/messages?channel=${channel.slug}`);
    const search = page.getByRole("search", { name: "搜索消息" });
    for (const label of ["包含文字", "作者（用户名）", "频道（标识）"]) {
      await expect(search.getByLabel(label)).toBeVisible();
    }
    await expect(search.getByRole("button", { name: "搜索" })).toBeVisible();
    const found = page.getByRole("list", { name: "找到的消息" }).getByRole("listitem");
    await expect(found).toHaveCount(1);
    await expect(found).toContainText("便宜手表，私聊我");
    await expect(found).toContainText(`（@${member.username}）`);
    await expect(found).toContainText(`ID ${spam.id}`);
    const remove = found.getByRole("form", { name: `删除消息 ${spam.id}` });
    await expect(remove.getByRole("textbox", { name: "原因" })).toHaveAttribute(
      "placeholder",
      "原因",
    );
    await expect(remove.getByRole("button", { name: "删除" })).toBeVisible();

    await page.goto("/admin/channels");
    await expect(page).toHaveTitle("频道 · 管理后台");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("频道");
    await expect(page.getByRole("heading", { name: "新建频道" })).toBeVisible();
    const create = page.getByRole("form", { name: "创建频道" });
    for (const label of ["标识", "名称", "主题"])
      await expect(create.getByLabel(label)).toBeVisible();
    const settings = page.getByRole("form", { name: `${channel.slug} 的设置` });
    await expect(settings.getByLabel("只读")).not.toBeChecked();
    await expect(settings.getByLabel("慢速模式（秒）")).toHaveValue("0");
    await expect(settings.getByRole("button", { name: "保存" })).toBeVisible();
    await expect(page.getByRole("form", { name: `归档 ${channel.slug}` })).toBeVisible();

    // The ban, with its length and reason chosen in Chinese, answered in Chinese.
    await page.goto(`/admin/users?q=${member.username}`);
    await expect(page).toHaveTitle("用户 · 管理后台");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("用户");
    const row = page.getByRole("listitem", { name: member.username });
    await expect(row).toContainText("成员");
    await expect(row).toContainText("正常");
    const ban = row.getByRole("form", { name: `封禁 ${member.username}` });
    await ban.getByLabel("封禁时长").selectOption({ label: "7 天" });
    await ban.getByLabel("封禁原因").fill("发广告");
    await ban.getByRole("button", { name: "封禁", exact: true }).click();
    await expect(ban.getByRole("status")).toContainText(`${member.username} 已被封禁，至 `);
    await expect(ban.getByRole("status")).toContainText("（UTC）。");
    await expect(row).toContainText("已封禁，至 ");
    await expect(row.getByRole("form", { name: `解除封禁 ${member.username}` })).toBeVisible();

    await page.goto(`/admin/audit?target=${member.username}`);
    await expect(page).toHaveTitle("审计日志 · 管理后台");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
    const filter = page.getByRole("search", { name: "筛选审计日志" });
    // The select's name is its label followed by the chosen option ("操作 全部").
    await expect(filter.getByRole("combobox", { name: "操作" }).locator("option")).toContainText([
      "全部",
      "删除消息",
      "编辑消息",
      "封禁",
      "解除封禁",
    ]);
    for (const name of ["时间（UTC）", "操作者", "操作", "对象 / 位置", "原因", "详情"]) {
      await expect(page.getByRole("columnheader", { name, exact: true })).toBeVisible();
    }
    const entry = page.getByRole("row").filter({ hasText: "发广告" });
    await expect(entry).toHaveCount(1);
    const cells = entry.getByRole("cell");
    await expect(cells.nth(0)).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/);
    await expect(cells.nth(1)).toHaveText(`@${admin.username}`);
    await expect(cells.nth(2)).toHaveText("封禁");
    await expect(cells.nth(3)).toHaveText(`@${member.username}`);
  });
});
