import type { WebSocketRoute } from "@playwright/test";
import {
  createChannel,
  createUser,
  db,
  expect,
  seedMessages,
  signedInPage,
  signIn,
  test,
} from "./fixtures";

const messages = (page: import("@playwright/test").Page) =>
  page.getByRole("list", { name: "Messages" }).getByRole("listitem");

async function moderatorPage(browser: import("@playwright/test").Browser) {
  const moderator = await createUser({ role: "moderator", displayName: "Mod Marta" });
  const context = await browser.newContext();
  await signIn(context, moderator);
  return { context, page: await context.newPage(), user: moderator };
}

/** Deletes the message holding `text` through its menu in the channel view, with a reason. */
async function deleteFromChannel(
  page: import("@playwright/test").Page,
  text: string,
  reason: string,
) {
  const message = messages(page).filter({ hasText: text });
  await message.hover();
  await message.getByRole("button", { name: /Actions for message/ }).click();
  await page.getByRole("menuitem", { name: "Delete message" }).click();
  await page.getByLabel("Reason for deleting").fill(reason);
  await page.getByRole("button", { name: "Delete for everyone" }).click();
}

test.describe("moderation", () => {
  test("a moderator deletes a message from the channel; the member's open page loses it live", async ({
    browser,
  }) => {
    const channel = await createChannel();
    const member = await signedInPage(browser, { displayName: "Member Max" });
    const mod = await moderatorPage(browser);
    await member.page.goto(`/c/${channel.slug}`);
    await mod.page.goto(`/c/${channel.slug}`);
    await expect(member.page.getByRole("list", { name: "Who is here" })).toContainText("Mod Marta");
    for (const text of ["keep me", "rude words here"]) {
      await member.page.getByRole("textbox", { name: "Message" }).fill(text);
      await member.page.getByRole("textbox", { name: "Message" }).press("Enter");
    }
    await expect(messages(mod.page)).toHaveCount(2);
    await deleteFromChannel(mod.page, "rude words here", "insults");
    for (const page of [member.page, mod.page]) {
      await expect(messages(page)).toHaveCount(1);
      await expect(messages(page).first()).toContainText("keep me");
    }
    await member.page.reload();
    await expect(messages(member.page)).toHaveCount(1);
    await expect(member.page.getByText("rude words here")).toHaveCount(0);

    // The audit log shows who did it, to whom and why.
    await mod.page.goto(`/admin/audit?actor=${mod.user.username}`);
    const row = mod.page.getByRole("row").filter({ hasText: "delete_message" });
    await expect(row).toContainText("insults");
    await expect(row).toContainText(`@${member.user.username}`);
    await member.context.close();
    await mod.context.close();
  });

  test("a page that was away catches up on the deletions and edits it missed", async ({
    browser,
  }) => {
    const channel = await createChannel();
    const member = await signedInPage(browser, { displayName: "Away Ava" });
    const ids = await seedMessages(channel, member.user, ["keep me", "goes away", "teh typo"]);
    const typo = ids[2] as number;
    // The page's room sockets go through the test, which can cut them.
    const sockets: WebSocketRoute[] = [];
    await member.page.routeWebSocket(/\/parties\/main\//, (ws) => {
      sockets.push(ws);
      ws.connectToServer();
    });
    await member.page.goto(`/c/${channel.slug}`);
    await expect(member.page.getByRole("list", { name: "Who is here" })).toContainText("Away Ava");
    await expect(messages(member.page)).toHaveCount(3);

    // Away: no new room token for the page, and its socket cut.
    const tokens = "**/api/party/token**";
    await member.page.route(tokens, (route) => route.abort());
    await sockets.at(-1)?.close();
    await expect(member.page.getByText("Connection lost. Reconnecting…")).toBeVisible();

    // Meanwhile a moderator deletes one message and the author (elsewhere) edits another.
    const mod = await moderatorPage(browser);
    await mod.page.goto(`/c/${channel.slug}`);
    await deleteFromChannel(mod.page, "goes away", "off topic");
    await expect(messages(mod.page)).toHaveCount(2);
    await db().execute("UPDATE messages SET body = ?, edited_at = UTC_TIMESTAMP(3) WHERE id = ?", [
      "the typo, fixed",
      typo,
    ]);
    // Still away: the page has not heard of either.
    await expect(messages(member.page)).toHaveCount(3);

    // Back: the next attempt gets a token, reconnects and asks what changed.
    await member.page.unroute(tokens);
    await expect(member.page.getByText("Connection lost. Reconnecting…")).toBeHidden({
      timeout: 30_000,
    });
    await expect(messages(member.page)).toHaveCount(2);
    await expect(member.page.getByText("goes away")).toHaveCount(0);
    await expect(messages(member.page).filter({ hasText: "the typo, fixed" })).toContainText(
      "edited",
    );
    await member.context.close();
    await mod.context.close();
  });

  test("a member edits their own message; everyone sees it marked edited", async ({ browser }) => {
    const channel = await createChannel();
    const alice = await signedInPage(browser);
    const bob = await signedInPage(browser);
    await alice.page.goto(`/c/${channel.slug}`);
    await bob.page.goto(`/c/${channel.slug}`);
    await expect(bob.page.getByRole("list", { name: "Who is here" })).toContainText(
      alice.user.displayName,
    );
    await alice.page.getByRole("textbox", { name: "Message" }).fill("teh typo");
    await alice.page.getByRole("textbox", { name: "Message" }).press("Enter");
    const mine = messages(alice.page).first();
    await expect(mine).toContainText("teh typo");
    await mine.hover();
    await mine.getByRole("button", { name: /Actions for message/ }).click();
    await alice.page.getByRole("menuitem", { name: "Edit message" }).click();
    await alice.page.getByRole("textbox", { name: "Edit message" }).fill("the typo, fixed");
    await alice.page.getByRole("textbox", { name: "Edit message" }).press("Enter");
    await expect(messages(bob.page).first()).toContainText("the typo, fixed");
    await expect(messages(bob.page).first()).toContainText("(edited)");
    // Bob may not edit or delete Alice's message: no menu for him.
    await messages(bob.page).first().hover();
    await expect(
      messages(bob.page)
        .first()
        .getByRole("button", { name: /Actions for message/ }),
    ).toHaveCount(0);
    await alice.context.close();
    await bob.context.close();
  });

  test("a banned member's open page is disconnected and told why; sign-in is refused", async ({
    browser,
  }) => {
    const channel = await createChannel();
    const member = await signedInPage(browser, { displayName: "Soon Banned" });
    const mod = await moderatorPage(browser);
    await member.page.goto(`/c/${channel.slug}`);
    await expect(member.page.getByRole("list", { name: "Who is here" })).toContainText(
      "Soon Banned",
    );

    await mod.page.goto(`/admin/users?q=${member.user.username}`);
    const ban = mod.page.getByRole("form", { name: `Ban ${member.user.username}` });
    await ban.getByLabel("Ban length").selectOption("24h");
    await ban.getByLabel("Ban reason").fill("spamming links");
    await ban.getByRole("button", { name: "Ban" }).click();
    await expect(ban.getByRole("status")).toContainText("is banned until");

    await expect(
      member.page.getByRole("status").filter({ hasText: "You are banned" }),
    ).toContainText("spamming links");
    await expect(member.page.getByRole("textbox", { name: "Message" })).toBeDisabled();
    await member.page.reload();
    await expect(member.page.getByRole("heading", { name: "You are banned" })).toBeVisible();

    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await page.goto("/signin");
    await page.getByLabel("Username").fill(member.user.username);
    await page.getByLabel("Password").fill(member.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("This account is banned.")).toBeVisible();
    await fresh.close();
    await member.context.close();
    await mod.context.close();
  });

  test("a muted member's send is refused with the reason and until when", async ({ browser }) => {
    const channel = await createChannel();
    const member = await signedInPage(browser, { displayName: "Soon Muted" });
    const mod = await moderatorPage(browser);
    await member.page.goto(`/c/${channel.slug}`);
    await expect(member.page.getByRole("list", { name: "Who is here" })).toContainText(
      "Soon Muted",
    );

    await mod.page.goto(`/admin/users?q=${member.user.username}`);
    const mute = mod.page.getByRole("form", { name: `Mute ${member.user.username}` });
    await mute.getByLabel("Mute length").selectOption("1h");
    await mute.getByLabel("Mute reason").fill("cool off");
    await mute.getByRole("button", { name: "Mute" }).click();
    await expect(mute.getByRole("status")).toContainText("is muted until");

    await member.page.getByRole("textbox", { name: "Message" }).fill("can I still talk?");
    await member.page.getByRole("textbox", { name: "Message" }).press("Enter");
    const failed = member.page.locator("[data-pending='failed']");
    await expect(failed).toContainText("You are muted in this channel until");
    await expect(messages(mod.page)).toHaveCount(0);
    await member.page.reload();
    await expect(member.page.getByRole("textbox", { name: "Message" })).toBeDisabled();
    await expect(member.page.getByText(/You are muted until .* \(cool off\)/)).toBeVisible();
    await member.context.close();
    await mod.context.close();
  });

  test("a member opening any admin page is refused with 403", async ({ browser }) => {
    const { context, page } = await signedInPage(browser);
    for (const path of [
      "/admin",
      "/admin/messages",
      "/admin/users",
      "/admin/channels",
      "/admin/audit",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "403: not allowed" })).toBeVisible();
    }
    await context.close();
  });

  test("signed-out visitors to admin pages are sent to sign in", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });

  test("an admin creates a channel, makes it read-only, and members cannot post there", async ({
    browser,
  }) => {
    const admin = await createUser({ role: "admin" });
    const context = await browser.newContext();
    await signIn(context, admin);
    const page = await context.newPage();
    const slug = `ro${Date.now().toString(36)}${test.info().workerIndex}`;
    await page.goto("/admin/channels");
    const create = page.getByRole("form", { name: "Create channel" });
    await create.getByLabel("Slug").fill(slug);
    await create.getByLabel("Name").fill("Announcements");
    await create.getByLabel("Topic").fill("News from the team");
    await create.getByRole("button", { name: "Create channel" }).click();
    await expect(create.getByRole("status")).toHaveText(`#${slug} created.`);
    const settings = page.getByRole("form", { name: `Settings of ${slug}` });
    await settings.getByLabel("Read-only").check();
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByRole("status")).toHaveText(`#${slug} saved.`);

    const member = await signedInPage(browser);
    await member.page.goto(`/c/${slug}`);
    await expect(member.page.getByRole("heading", { name: "# Announcements" })).toBeVisible();
    await expect(member.page.getByRole("textbox", { name: "Message" })).toBeDisabled();
    await expect(member.page.getByText("This channel is read-only.")).toBeVisible();
    await member.context.close();
    await context.close();
  });
});
