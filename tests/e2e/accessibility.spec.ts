/**
 * Every page, in English, through axe-core (accessibility.ts): the front door, the channel list,
 * a channel with a conversation in it, Settings, a missing channel, a forbidden admin page, and
 * the admin pages as an admin. The Chinese walk runs the same check on the Chinese pages; the
 * fixtures run it on whatever page every other test leaves open.
 */
import { makeChannel, makeMessages, makeUser } from "../support/factories";
import { expectAccessible } from "./accessibility";
import { expect, test } from "./fixtures";

test("the front door passes axe", async ({ page }) => {
  for (const path of ["/signin", "/signup"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: /Sign (in|up)/ }).first()).toBeVisible();
    await expectAccessible(page);
  }
  // A failed sign-in shows its error: the error state is checked too.
  await page.goto("/signin");
  await page.getByLabel("Username").fill("nobody-here");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
});

test("a member's pages pass axe", async ({ users }) => {
  const channel = await makeChannel({ label: "axe", topic: "Checked by axe" });
  const other = await makeUser({ label: "axe-other" });
  await makeMessages({
    channel,
    author: other,
    bodies: [1, 2, 3].map((i) => `**bold** message ${i}, a link https://example.com and \`code\``),
  });
  const { page, view } = await users.signedIn();

  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
  await expectAccessible(page);

  await view.open(channel.slug);
  await view.send("my own message");
  await expect(view.message("my own message")).toHaveCount(1);
  await expect(page.locator("[data-pending]")).toHaveCount(0);
  await expectAccessible(page);
  // The message menu open is a state of its own (a popup with menu items).
  const mine = view.message("my own message");
  await mine.hover();
  await view.menuButton(mine).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/settings");
  await expect(page.getByRole("combobox", { name: "Language" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/mentions");
  await expect(page.getByRole("heading", { name: "Mentions" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/c/no-such-channel-here");
  await expectAccessible(page);

  await page.goto("/admin");
  await expectAccessible(page);
});

test("the admin pages pass axe", async ({ users }) => {
  // Five pages, each read whole by axe; a shared machine makes that slow.
  test.slow();
  const { page, user } = await users.signedIn({ role: "admin" });
  const channel = await makeChannel({ label: "axe-admin" });
  const member = await makeUser({ label: "axe-member" });
  await makeMessages({ channel, author: member, bodies: ["a row to moderate"] });
  // Each list filtered to this test's rows: the other tests' thousands of rows would make axe
  // read a page far longer than any a moderator meets, and prove nothing more.
  for (const path of [
    "/admin",
    `/admin/messages?channel=${channel.slug}`,
    `/admin/users?q=${member.username}`,
    `/admin/channels`,
    `/admin/audit?actor=${user.username}`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});
