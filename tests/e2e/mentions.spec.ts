import { makeMessages } from "../support/factories";
import { expect, test } from "./fixtures";

test.describe("mentions", () => {
  test("A completes @name without sending; B sees it highlighted, finds it under Mentions and jumps to it", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ label: "alice", displayName: "Alice Calls" });
    const bob = await users.signedIn({ label: "bob", displayName: "Bob Called" });
    const bobName = bob.user.username;
    await alice.view.open(chatChannel.slug);

    // Typed key by key, as a person does: the list follows what is typed after @.
    await alice.view.composer.pressSequentially(`look @${bobName.slice(0, -1)}`);
    const list = alice.page.getByRole("listbox", { name: "Mention someone" });
    await expect(list).toBeVisible();
    const option = list.getByRole("option", { name: new RegExp(`@${bobName}\\b`) });
    await expect(option).toBeVisible();
    await expect(option).toHaveAttribute("aria-selected", "true");
    // Enter picks the person and does not send.
    await alice.view.composer.press("Enter");
    await expect(list).toBeHidden();
    await expect(alice.view.composer).toHaveValue(`look @${bobName} `);
    await expect(alice.view.messages).toHaveCount(0);
    await alice.view.composer.pressSequentially("here is the plan, not for @nobody-zq9");
    await alice.view.composer.press("Enter");
    const sent = alice.view.message("here is the plan");
    await expect(sent).toHaveCount(1);
    // The author is not highlighted for mentioning someone else.
    await expect(sent).not.toHaveAttribute("data-mentions-me");

    await bob.view.open(chatChannel.slug);
    const seen = bob.view.message("here is the plan");
    await expect(seen).toHaveAttribute("data-mentions-me", "");
    await expect(seen.getByText("Mentions you")).toBeAttached();
    await expect(seen.locator(`[data-mention="${bobName.toLowerCase()}"]`)).toHaveText(
      `@${bobName}`,
    );
    // A name that is nobody's is text, once the page has asked.
    await expect(seen.locator('[data-mention="nobody-zq9"]')).toHaveCount(0);
    await expect(seen).toContainText("@nobody-zq9");

    // Pushed out of the first page by newer messages, the Mentions page's link still finds it.
    await makeMessages({
      channel: chatChannel,
      author: alice.user,
      bodies: Array.from({ length: 60 }, (_, i) => `later ${i}`),
    });
    await bob.page.getByRole("link", { name: "Mentions", exact: true }).click();
    await expect(bob.page).toHaveURL(/\/mentions$/);
    const mine = bob.page.getByRole("list", { name: "Your mentions" }).getByRole("listitem");
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText("here is the plan");
    await expect(mine.locator(`[data-mention="${bobName.toLowerCase()}"]`)).toHaveCount(1);
    await expect(mine.locator('[data-mention="nobody-zq9"]')).toHaveCount(0);
    await mine
      .getByRole("link", { name: `Go to message from Alice Calls in #${chatChannel.name}` })
      .click();
    await expect(bob.page).toHaveURL(new RegExp(`/c/${chatChannel.slug}\\?message=\\d+$`));
    await expect(bob.view.message("here is the plan")).toBeFocused();
  });

  test("Escape closes the list and keeps the reply; @here is offered to moderators only", async ({
    users,
    chatChannel,
  }) => {
    const member = await users.signedIn({ label: "member" });
    const moderator = await users.signedIn({ label: "mod", role: "moderator" });
    await makeMessages({ channel: chatChannel, author: moderator.user, bodies: ["a question"] });
    await member.view.open(chatChannel.slug);
    const question = member.view.message("a question");
    await question.hover();
    await member.view.menuButton(question).click();
    await member.page.getByRole("menuitem", { name: "Reply" }).click();
    const replying = member.page.getByText(/^Replying to /);
    await expect(replying).toBeVisible();

    await member.view.composer.pressSequentially(`@${moderator.user.username.slice(0, -1)}`);
    const list = member.page.getByRole("listbox", { name: "Mention someone" });
    await expect(list).toBeVisible();
    await member.view.composer.press("Escape");
    await expect(list).toBeHidden();
    await expect(replying).toBeVisible();
    await member.view.composer.press("Escape");
    await expect(replying).toBeHidden();

    // Tab picks too, and keeps focus in the box.
    await member.view.composer.fill("");
    await member.view.composer.pressSequentially(`@${moderator.user.username.slice(0, -1)}`);
    await expect(list).toBeVisible();
    await member.view.composer.press("Tab");
    await expect(member.view.composer).toHaveValue(`@${moderator.user.username} `);
    await expect(member.view.composer).toBeFocused();

    await member.view.composer.fill("");
    await member.view.composer.pressSequentially("@her");
    // Whatever people match, @here is not among them for a member.
    await expect(member.page.getByRole("option", { name: /^@here\b/ })).toHaveCount(0);

    await moderator.view.open(chatChannel.slug);
    await moderator.view.composer.pressSequentially("@her");
    await expect(moderator.page.getByRole("option", { name: /^@here\b/ })).toBeVisible();
  });
});
