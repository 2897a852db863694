import { expect, forbidDialogs, test } from "./fixtures";
import { expectedMarkup, shownMarkup, unsafeMarkup } from "./message-markup";

const USER_LINK_REL = "noopener noreferrer nofollow ugc";

test.describe("Markdown in messages", () => {
  test("the other person sees the formatting, safe links and code, live and after a reload", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Markdown" });
    const bob = await users.signedIn({ displayName: "Bob Markdown" });
    forbidDialogs(alice.page);
    forbidDialogs(bob.page);
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(bob.view.whoIsHere).toContainText("Alice Markdown");

    const body = [
      "**bold move** and [the docs](https://example.com/docs?a=1) or https://example.org/plain",
      "[click me](javascript:alert(document.domain)) [me too](JAVASCRIPT:alert(2))",
      "```html",
      "<script>alert(3)</script>",
      "<img src=x onerror=alert(4)>",
      "```",
      "- first",
      "- second",
    ].join("\n");
    await alice.view.send(body);

    const check = async (view: typeof bob.view) => {
      await expect(view.messages).toHaveCount(1);
      // Stored, not pending: the item is not replaced while it is read.
      await expect(view.messages.first()).toHaveAttribute("data-message-id", /^\d+$/);
      const shown = view.body(view.messages.first());
      await expect(shown.locator("strong")).toHaveText("bold move");

      const docs = shown.getByRole("link", { name: "the docs" });
      await expect(docs).toHaveAttribute("href", "https://example.com/docs?a=1");
      await expect(docs).toHaveAttribute("target", "_blank");
      await expect(docs).toHaveAttribute("rel", USER_LINK_REL);
      const bare = shown.getByRole("link", { name: "https://example.org/plain" });
      await expect(bare).toHaveAttribute("href", "https://example.org/plain");
      await expect(bare).toHaveAttribute("rel", USER_LINK_REL);
      await expect(shown.getByRole("link")).toHaveCount(2);

      // The javascript: links are their words, not links.
      await expect(shown).toContainText("click me");
      await expect(shown).toContainText("me too");
      await expect(shown.locator("a[href*='javascript' i]")).toHaveCount(0);

      // The code block holds the markup as characters.
      await expect(shown.locator("pre > code")).toHaveText(
        "<script>alert(3)</script>\n<img src=x onerror=alert(4)>\n",
      );
      await expect(view.messageList.locator("script, img[src='x']")).toHaveCount(0);
      // A Markdown list inside a message does not count as messages.
      await expect(shown.getByRole("listitem")).toHaveText(["first", "second"]);

      expect(await unsafeMarkup(shown)).toEqual([]);
      expect(await shownMarkup(shown)).toEqual(await expectedMarkup(view.page, [body]));
    };
    await check(bob.view);
    await check(alice.view);

    // History rendered by the server: the same markup is in the HTML before any script runs.
    const html = await (await bob.context.request.get(`/c/${chatChannel.slug}`)).text();
    expect(html).toContain('<strong class="font-semibold">bold move</strong>');
    expect(html).toContain(`rel="${USER_LINK_REL}"`);
    expect(html).toContain("&lt;script&gt;alert(3)&lt;/script&gt;");
    expect(html).not.toMatch(/href="javascript:/i);
    await bob.page.reload();
    await check(bob.view);
  });

  test("a long code line scrolls inside its block; the page does not widen", async ({
    member,
    chatChannel,
  }) => {
    const { page, view } = member;
    forbidDialogs(page);
    await view.open(chatChannel.slug);
    await expect(view.whoIsHere).toBeVisible();
    await view.send(`\`\`\`\n${"x".repeat(600)}\n\`\`\``);
    // Stored, not pending: the item is not replaced while it is measured.
    await expect(view.messages.first()).toHaveAttribute("data-message-id", /^\d+$/);
    const block = view.body(view.messages.first()).locator("pre");
    await expect(block).toBeVisible();
    const widths = await block.evaluate((pre) => ({
      scroll: pre.scrollWidth,
      client: pre.clientWidth,
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });
});
