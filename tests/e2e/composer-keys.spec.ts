/**
 * Keys and drafts in the composer: ArrowUp in the empty box edits my last message, Escape puts
 * me back in the composer, Enter saves the edit live; unsent text stays with its channel.
 */
import { makeChannel } from "../support/factories";
import { expect, test } from "./fixtures";

test.describe("composer keys", () => {
  test("ArrowUp edits my last message; Escape cancels; Enter saves and shows live", async ({
    users,
    chatChannel,
  }) => {
    const me = await users.signedIn({ displayName: "Mia Editor" });
    const other = await users.signedIn({ displayName: "Oli Reader" });
    await me.view.open(chatChannel.slug);
    await other.view.open(chatChannel.slug);
    await expect(me.view.whoIsHere).toContainText("Oli Reader");

    await me.view.send("first of mine");
    await me.view.send("second of mine");
    await other.view.send("not mine");
    await expect(me.view.messages).toHaveCount(3);
    await expect(me.page.locator("[data-pending]")).toHaveCount(0);

    // With text in the box, ArrowUp is only a caret key.
    const box = me.view.composer;
    await box.fill("draft");
    await box.press("ArrowUp");
    await expect(me.view.editor).toHaveCount(0);
    await box.fill("");

    await box.press("ArrowUp");
    await expect(me.view.editor).toBeFocused();
    await expect(me.view.editor).toHaveValue("second of mine");
    await me.view.editor.press("Escape");
    await expect(me.view.editor).toHaveCount(0);
    await expect(box).toBeFocused();
    await expect(me.view.message("second of mine")).toBeVisible();

    await box.press("ArrowUp");
    await expect(me.view.editor).toBeFocused();
    await me.view.editor.fill("second, changed");
    await me.view.editor.press("Enter");
    await expect(me.view.editor).toHaveCount(0);
    await expect(box).toBeFocused();
    for (const view of [me.view, other.view]) {
      await expect(view.message("second, changed")).toContainText("(edited)");
      await expect(view.message("second of mine")).toHaveCount(0);
      await expect(view.message("first of mine")).toBeVisible();
    }
  });

  test("a draft stays with its channel when switching away and back", async ({ member }) => {
    const { page, view } = member;
    const one = await makeChannel({ label: "draft-a" });
    const two = await makeChannel({ label: "draft-b" });
    const nav = page.getByRole("navigation", { name: "Channels" });
    await view.open(one.slug);
    await expect(view.whoIsHere).toBeVisible();
    await view.composer.fill("half a thought in one");

    await nav.getByRole("link", { name: two.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${two.slug}$`));
    await expect(view.composer).toHaveValue("");
    await view.composer.fill("something for two");

    await nav.getByRole("link", { name: one.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${one.slug}$`));
    await expect(view.composer).toHaveValue("half a thought in one");

    // A reload keeps it too (same tab); sending it clears it.
    await page.reload();
    await expect(view.composer).toHaveValue("half a thought in one");
    await view.composer.press("Enter");
    await expect(view.message("half a thought in one")).toBeVisible();
    await expect(view.composer).toHaveValue("");
    // Stored, not only pending: a page that is left takes its unsent messages with it.
    await expect(page.locator("[data-pending]")).toHaveCount(0);

    await nav.getByRole("link", { name: two.name, exact: true }).click();
    await expect(view.composer).toHaveValue("something for two");
    await nav.getByRole("link", { name: one.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${one.slug}$`));
    await expect(view.message("half a thought in one")).toBeVisible();
    await expect(view.composer).toHaveValue("");
  });
});
