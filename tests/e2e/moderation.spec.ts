import type { WebSocketRoute } from "@playwright/test";
import { editMessageBody } from "@/db/queries/messages";
import { makeMessages, unique } from "../support/factories";
import { expect, test, type UserOptions } from "./fixtures";

const moderator: UserOptions = { role: "moderator", displayName: "Mod Marta" };

test.describe("moderation", () => {
  test("a moderator deletes a message from the channel; the member's open page loses it live", async ({
    users,
    chatChannel,
  }) => {
    const member = await users.signedIn({ displayName: "Member Max" });
    const mod = await users.signedIn(moderator);
    await member.view.open(chatChannel.slug);
    await mod.view.open(chatChannel.slug);
    await expect(member.view.whoIsHere).toContainText("Mod Marta");
    for (const text of ["keep me", "rude words here"]) await member.view.send(text);
    await expect(mod.view.messages).toHaveCount(2);
    await mod.view.deleteMessage("rude words here", "insults");
    for (const { view } of [member, mod]) {
      await expect(view.messages).toHaveCount(1);
      await expect(view.messages.first()).toContainText("keep me");
    }
    await member.page.reload();
    await expect(member.view.messages).toHaveCount(1);
    await expect(member.page.getByText("rude words here")).toHaveCount(0);

    // The audit log shows who did it, to whom and why.
    await mod.page.goto(`/admin/audit?actor=${mod.user.username}`);
    const row = mod.page.getByRole("row").filter({ hasText: "delete_message" });
    await expect(row).toContainText("insults");
    await expect(row).toContainText(`@${member.user.username}`);
  });

  test("a page that was away catches up on the deletions and edits it missed", async ({
    users,
    chatChannel,
  }) => {
    const member = await users.signedIn({ displayName: "Away Ava" });
    const [, , typo] = await makeMessages({
      channel: chatChannel,
      author: member.user,
      bodies: ["keep me", "goes away", "teh typo"],
    });
    if (!typo) throw new Error("the factory stored fewer messages than asked");
    // The page's room sockets go through the test, which can cut them.
    const sockets: WebSocketRoute[] = [];
    await member.page.routeWebSocket(/\/parties\/main\//, (ws) => {
      sockets.push(ws);
      ws.connectToServer();
    });
    await member.view.open(chatChannel.slug);
    await expect(member.view.whoIsHere).toContainText("Away Ava");
    await expect(member.view.messages).toHaveCount(3);

    // Away: no new room token for the page, and its socket cut.
    const tokens = "**/api/party/token**";
    await member.page.route(tokens, (route) => route.abort());
    await sockets.at(-1)?.close();
    await expect(member.page.getByText("Connection lost. Reconnecting…")).toBeVisible();

    // Meanwhile a moderator deletes one message and the author (elsewhere) edits another.
    const mod = await users.signedIn(moderator);
    await mod.view.open(chatChannel.slug);
    await mod.view.deleteMessage("goes away", "off topic");
    await expect(mod.view.messages).toHaveCount(2);
    await editMessageBody({ id: typo.id, body: "the typo, fixed" });
    // Still away: the page has not heard of either.
    await expect(member.view.messages).toHaveCount(3);

    // Back: the next attempt gets a token, reconnects and asks what changed.
    await member.page.unroute(tokens);
    await expect(member.page.getByText("Connection lost. Reconnecting…")).toBeHidden({
      timeout: 30_000,
    });
    await expect(member.view.messages).toHaveCount(2);
    await expect(member.page.getByText("goes away")).toHaveCount(0);
    await expect(member.view.message("the typo, fixed")).toContainText("edited");
  });

  test("a member edits their own message; everyone sees it marked edited", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn();
    const bob = await users.signedIn();
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(bob.view.whoIsHere).toContainText(alice.user.displayName);
    await alice.view.send("teh typo");
    const mine = alice.view.messages.first();
    await expect(mine).toContainText("teh typo");
    await alice.view.editMessage(mine, "the typo, fixed");
    await expect(bob.view.messages.first()).toContainText("the typo, fixed");
    await expect(bob.view.messages.first()).toContainText("(edited)");
    // Bob may not edit or delete Alice's message: his menu offers neither (Reply and Add reaction).
    await bob.view.messages.first().hover();
    await bob.view.menuButton(bob.view.messages.first()).click();
    await expect(bob.page.getByRole("menuitem", { name: "Reply" })).toBeVisible();
    await expect(bob.page.getByRole("menuitem", { name: "Add reaction" })).toBeVisible();
    await expect(bob.page.getByRole("menuitem", { name: "Edit message" })).toHaveCount(0);
    await expect(bob.page.getByRole("menuitem", { name: "Delete message" })).toHaveCount(0);
  });

  test("a banned member's open page is disconnected and told why; sign-in is refused", async ({
    users,
    chatChannel,
    page,
  }) => {
    const member = await users.signedIn({ displayName: "Soon Banned" });
    const mod = await users.signedIn(moderator);
    await member.view.open(chatChannel.slug);
    await expect(member.view.whoIsHere).toContainText("Soon Banned");

    await mod.page.goto(`/admin/users?q=${member.user.username}`);
    const ban = mod.page.getByRole("form", { name: `Ban ${member.user.username}` });
    await ban.getByLabel("Ban length").selectOption("24h");
    await ban.getByLabel("Ban reason").fill("spamming links");
    await ban.getByRole("button", { name: "Ban" }).click();
    await expect(ban.getByRole("status")).toContainText("is banned until");

    await expect(
      member.page.getByRole("status").filter({ hasText: "You are banned" }),
    ).toContainText("spamming links");
    await expect(member.view.composer).toBeDisabled();
    await member.page.reload();
    await expect(member.page.getByRole("heading", { name: "You are banned" })).toBeVisible();

    // A signed-out browser (the test's own page) tries the sign-in form.
    await page.goto("/signin");
    await page.getByLabel("Username").fill(member.user.username);
    await page.getByLabel("Password").fill(member.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("This account is banned.")).toBeVisible();
  });

  test("a muted member's send is refused with the reason and until when", async ({
    users,
    chatChannel,
  }) => {
    const member = await users.signedIn({ displayName: "Soon Muted" });
    const mod = await users.signedIn(moderator);
    await member.view.open(chatChannel.slug);
    await expect(member.view.whoIsHere).toContainText("Soon Muted");

    await mod.page.goto(`/admin/users?q=${member.user.username}`);
    const mute = mod.page.getByRole("form", { name: `Mute ${member.user.username}` });
    await mute.getByLabel("Mute length").selectOption("1h");
    await mute.getByLabel("Mute reason").fill("cool off");
    await mute.getByRole("button", { name: "Mute" }).click();
    await expect(mute.getByRole("status")).toContainText("is muted until");

    await member.view.send("can I still talk?");
    const failed = member.page.locator("[data-pending='failed']");
    await expect(failed).toContainText("You are muted in this channel until");
    await expect(mod.view.messages).toHaveCount(0);
    await member.page.reload();
    await expect(member.view.composer).toBeDisabled();
    await expect(member.page.getByText(/You are muted until .* \(cool off\)/)).toBeVisible();
  });

  test("a member opening any admin page is refused with 403", async ({ member }) => {
    const { page } = member;
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
  });

  test("signed-out visitors to admin pages are sent to sign in", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });

  test("an admin creates a channel, makes it read-only, and members cannot post there", async ({
    users,
    member,
  }) => {
    const admin = await users.signedIn({ role: "admin" });
    const { page } = admin;
    const slug = unique("ro");
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

    await member.view.open(slug);
    await expect(member.page.getByRole("heading", { name: "# Announcements" })).toBeVisible();
    await expect(member.view.composer).toBeDisabled();
    await expect(member.page.getByText("This channel is read-only.")).toBeVisible();
  });
});
