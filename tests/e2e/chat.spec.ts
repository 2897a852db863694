import { makeMessages, makeUser } from "../support/factories";
import { expect, forbidDialogs, test } from "./fixtures";

test.describe("a channel, live", () => {
  test("one user sends, the other sees it without reloading; reload shows history in order", async ({
    users,
    chatChannel,
  }) => {
    const alice = await users.signedIn({ displayName: "Alice Example" });
    const bob = await users.signedIn({ displayName: "Bob Example" });
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    // Both are live when each sees the other in "who is here".
    await expect(alice.view.whoIsHere).toContainText("Bob Example");
    await expect(bob.view.whoIsHere).toContainText("Alice Example");

    const box = alice.view.composer;
    await box.fill("Hello Bob");
    await box.press("Enter");
    await expect(box).toHaveValue("");
    await alice.view.composer.fill("Second line test");
    await alice.view.sendButton.click();
    await bob.view.send("Hi Alice");

    const expected = ["Hello Bob", "Second line test", "Hi Alice"];
    for (const { view } of [alice, bob]) {
      await expect(view.messages).toHaveCount(3);
      for (const [i, text] of expected.entries())
        await expect(view.messages.nth(i)).toContainText(text);
      await expect(view.messages.nth(0)).toContainText("Alice Example");
      await expect(view.messages.nth(2)).toContainText("Bob Example");
    }
    // Nothing left pending once stored.
    await expect(alice.page.locator("[data-pending]")).toHaveCount(0);

    await bob.page.reload();
    await expect(bob.view.messages).toHaveCount(3);
    for (const [i, text] of expected.entries())
      await expect(bob.view.messages.nth(i)).toContainText(text);
    await expect(bob.view.messages.nth(0).locator("time")).toHaveAttribute("datetime", /Z$/);
  });

  test("markup in a message shows as text and never runs", async ({ users, chatChannel }) => {
    const alice = await users.signedIn();
    const bob = await users.signedIn();
    forbidDialogs(alice.page);
    forbidDialogs(bob.page);
    await alice.view.open(chatChannel.slug);
    await bob.view.open(chatChannel.slug);
    await expect(bob.view.whoIsHere).toContainText(alice.user.displayName);
    const hostile = `<img src=x onerror=alert(1)> <script>alert(2)</script>`;
    await alice.view.send(hostile);
    for (const { page, view } of [bob, alice]) {
      await expect(view.messages.first().locator("p")).toHaveText(hostile);
      await expect(page.locator("main img[src='x']")).toHaveCount(0);
    }
    await bob.page.reload();
    await expect(bob.view.messages.first().locator("p")).toHaveText(hostile);
    await expect(bob.page.locator("main img[src='x']")).toHaveCount(0);
  });

  test("Shift+Enter adds a line; a blank message is not sent", async ({ member, chatChannel }) => {
    const { page, view } = member;
    await view.open(chatChannel.slug);
    await expect(view.whoIsHere).toBeVisible();
    const box = view.composer;
    await box.press("Enter");
    await expect(page.getByText("Type a message first")).toBeVisible();
    await box.pressSequentially("line one");
    await box.press("Shift+Enter");
    await box.pressSequentially("line two");
    await expect(box).toHaveValue("line one\nline two");
    await box.press("Enter");
    // The line break is a <br> in the message's paragraph: two lines as read.
    const body = view.body(view.messages.first());
    await expect(body.locator("p br")).toHaveCount(1);
    await expect(body).toHaveText("line one\nline two", { useInnerText: true });
  });

  test("the newest 50 render on the server; older pages load on demand, in order", async ({
    users,
    chatChannel,
  }) => {
    const author = await makeUser({ displayName: "Historian" });
    const bodies = Array.from(
      { length: 120 },
      (_, i) => `history ${String(i + 1).padStart(3, "0")}`,
    );
    await makeMessages({ channel: chatChannel, author, bodies });
    // The server's HTML alone holds the newest 50, before any script runs.
    const reader = await users.signedIn();
    const html = await (await reader.context.request.get(`/c/${chatChannel.slug}`)).text();
    expect(html).toContain("history 071");
    expect(html).toContain("history 120");
    expect(html).not.toContain("history 070");

    const live = await users.signedIn();
    await live.view.open(chatChannel.slug);
    await expect(live.view.messages).toHaveCount(50);
    await expect(live.page.getByRole("button", { name: "Load older messages" })).toBeVisible();
    // Scrolling up loads older pages until the start of the chatChannel.
    await expect(async () => {
      await live.view.messageList.evaluate((el) => {
        if (el.parentElement) el.parentElement.scrollTop = 0;
      });
      await expect(live.page.getByText("This is the start of the channel.")).toBeVisible({
        timeout: 1_000,
      });
    }).toPass();
    await expect(live.view.messages).toHaveCount(120);
    const texts = await live.view.messages.locator("p").allTextContents();
    expect(texts).toEqual(bodies);
  });

  test("an unknown channel shows a not-found page", async ({ member }) => {
    await member.page.goto("/c/no-such-channel-here");
    await expect(member.page.getByRole("heading", { name: "No such channel" })).toBeVisible();
  });
});
