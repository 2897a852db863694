import { makeUser, unique } from "../support/factories";
import { expect, signIn, test } from "./fixtures";

test.describe("signing up, in and out", () => {
  test("a signed-out visitor is sent to /signin, and comes back after signing in", async ({
    page,
    chatChannel,
  }) => {
    const user = await makeUser();
    await page.goto(`/c/${chatChannel.slug}`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${chatChannel.slug}$`));
    await expect(page.getByRole("heading", { name: `# ${chatChannel.name}` })).toBeVisible();
  });

  test("the home page redirects too, and API routes answer 401", async ({ page, request }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    expect((await request.get("/api/party/token?channel=general")).status()).toBe(401);
    expect((await request.get("/api/channels/general/messages")).status()).toBe(401);
    expect(
      (
        await request.get("/api/channels/general/changes?since=2026-01-01T00:00:00Z&from=1&upTo=1")
      ).status(),
    ).toBe(401);
  });

  test("sign up with the form, see the channels, sign out", async ({ page, chatChannel }) => {
    const username = unique("new");
    await page.goto("/signup");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill("Newcomer Nina");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(
      page
        .getByRole("list", { name: "Channel list" })
        .getByRole("link", { name: chatChannel.name }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign-up errors are shown in text: taken username, short password", async ({ page }) => {
    const existing = await makeUser();
    await page.goto("/signup");
    await page.getByLabel("Username").fill(existing.username);
    await page.getByLabel("Display name").fill("Copycat");
    await page.getByLabel("Password").fill("long enough password");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText("That username is taken.")).toBeVisible();
    await page.getByLabel("Username").fill(unique("fresh"));
    await page.getByLabel("Password").fill("short");
    // Skip the browser's own minlength check so the server's rule is what answers.
    await page.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText("Password must be at least 10 characters")).toBeVisible();
  });

  test("a wrong password is refused with a message", async ({ page }) => {
    const user = await makeUser();
    await page.goto("/signin");
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong username or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign-in through the API gives a session the pages accept", async ({ context, page }) => {
    const user = await makeUser({ displayName: "Api Annie" });
    await signIn(context, user);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
  });
});
