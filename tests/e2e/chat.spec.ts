import {
  createChannel,
  createUser,
  expect,
  forbidDialogs,
  seedMessages,
  signedInPage,
  test,
} from "./fixtures";

const messages = (page: import("@playwright/test").Page) =>
  page.getByRole("list", { name: "Messages" }).getByRole("listitem");

test.describe("a channel, live", () => {
  test("one user sends, the other sees it without reloading; reload shows history in order", async ({
    browser,
  }) => {
    const channel = await createChannel();
    const alice = await signedInPage(browser, { displayName: "Alice Example" });
    const bob = await signedInPage(browser, { displayName: "Bob Example" });
    await alice.page.goto(`/c/${channel.slug}`);
    await bob.page.goto(`/c/${channel.slug}`);
    // Both are live when each sees the other in "who is here".
    await expect(alice.page.getByRole("list", { name: "Who is here" })).toContainText(
      "Bob Example",
    );
    await expect(bob.page.getByRole("list", { name: "Who is here" })).toContainText(
      "Alice Example",
    );

    const box = alice.page.getByRole("textbox", { name: "Message" });
    await box.fill("Hello Bob");
    await box.press("Enter");
    await expect(box).toHaveValue("");
    await alice.page.getByRole("textbox", { name: "Message" }).fill("Second line test");
    await alice.page.getByRole("button", { name: "Send" }).click();
    await bob.page.getByRole("textbox", { name: "Message" }).fill("Hi Alice");
    await bob.page.getByRole("textbox", { name: "Message" }).press("Enter");

    const expected = ["Hello Bob", "Second line test", "Hi Alice"];
    for (const page of [alice.page, bob.page]) {
      await expect(messages(page)).toHaveCount(3);
      for (const [i, text] of expected.entries())
        await expect(messages(page).nth(i)).toContainText(text);
      await expect(messages(page).nth(0)).toContainText("Alice Example");
      await expect(messages(page).nth(2)).toContainText("Bob Example");
    }
    // Nothing left pending once stored.
    await expect(alice.page.locator("[data-pending]")).toHaveCount(0);

    await bob.page.reload();
    await expect(messages(bob.page)).toHaveCount(3);
    for (const [i, text] of expected.entries())
      await expect(messages(bob.page).nth(i)).toContainText(text);
    await expect(messages(bob.page).nth(0).locator("time")).toHaveAttribute("datetime", /Z$/);

    await alice.context.close();
    await bob.context.close();
  });

  test("markup in a message shows as text and never runs", async ({ browser }) => {
    const channel = await createChannel();
    const alice = await signedInPage(browser);
    const bob = await signedInPage(browser);
    forbidDialogs(alice.page);
    forbidDialogs(bob.page);
    await alice.page.goto(`/c/${channel.slug}`);
    await bob.page.goto(`/c/${channel.slug}`);
    await expect(bob.page.getByRole("list", { name: "Who is here" })).toContainText(
      alice.user.displayName,
    );
    const hostile = `<img src=x onerror=alert(1)> <script>alert(2)</script>`;
    await alice.page.getByRole("textbox", { name: "Message" }).fill(hostile);
    await alice.page.getByRole("textbox", { name: "Message" }).press("Enter");
    for (const page of [bob.page, alice.page]) {
      await expect(messages(page).first().locator("p")).toHaveText(hostile);
      await expect(page.locator("main img[src='x']")).toHaveCount(0);
    }
    await bob.page.reload();
    await expect(messages(bob.page).first().locator("p")).toHaveText(hostile);
    await expect(bob.page.locator("main img[src='x']")).toHaveCount(0);
    await alice.context.close();
    await bob.context.close();
  });

  test("Shift+Enter adds a line; a blank message is not sent", async ({ browser }) => {
    const channel = await createChannel();
    const { page, context } = await signedInPage(browser);
    await page.goto(`/c/${channel.slug}`);
    await expect(page.getByRole("list", { name: "Who is here" })).toBeVisible();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.press("Enter");
    await expect(page.getByText("Type a message first")).toBeVisible();
    await box.pressSequentially("line one");
    await box.press("Shift+Enter");
    await box.pressSequentially("line two");
    await expect(box).toHaveValue("line one\nline two");
    await box.press("Enter");
    await expect(messages(page).first().locator("p")).toHaveText("line one\nline two");
    await context.close();
  });

  test("the newest 50 render on the server; older pages load on demand, in order", async ({
    browser,
  }) => {
    const channel = await createChannel();
    const author = await createUser({ displayName: "Historian" });
    const bodies = Array.from(
      { length: 120 },
      (_, i) => `history ${String(i + 1).padStart(3, "0")}`,
    );
    await seedMessages(channel, author, bodies);
    // The server's HTML alone holds the newest 50, before any script runs.
    const reader = await signedInPage(browser);
    const html = await (await reader.context.request.get(`/c/${channel.slug}`)).text();
    expect(html).toContain("history 071");
    expect(html).toContain("history 120");
    expect(html).not.toContain("history 070");
    await reader.context.close();

    const live = await signedInPage(browser);
    await live.page.goto(`/c/${channel.slug}`);
    await expect(messages(live.page)).toHaveCount(50);
    await expect(live.page.getByRole("button", { name: "Load older messages" })).toBeVisible();
    // Scrolling up loads older pages until the start of the channel.
    const list = live.page.getByRole("list", { name: "Messages" });
    await expect(async () => {
      await list.evaluate((el) => {
        if (el.parentElement) el.parentElement.scrollTop = 0;
      });
      await expect(live.page.getByText("This is the start of the channel.")).toBeVisible({
        timeout: 1_000,
      });
    }).toPass();
    await expect(messages(live.page)).toHaveCount(120);
    const texts = await messages(live.page).locator("p").allTextContents();
    expect(texts).toEqual(bodies);
    await live.context.close();
  });

  test("an unknown channel shows a not-found page", async ({ browser }) => {
    const { page, context } = await signedInPage(browser);
    await page.goto("/c/no-such-channel-here");
    await expect(page.getByRole("heading", { name: "No such channel" })).toBeVisible();
    await context.close();
  });
});
