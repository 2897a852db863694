/**
 * The front door's forms, attacked the way a careless browser or a spoofer would: a form pressed
 * before (or without) the page's script must go by POST to its server action and never put a
 * credential in a URL; sign-up refuses weak passwords, invisible/bidi tricks and staff-like names.
 */
import type { Page, Request } from "@playwright/test";
import { findChannelBySlug } from "@/db/queries/channels";
import { findUserByUsername } from "@/db/queries/users";
import { expect, signIn, test } from "../e2e/fixtures";
import { makeUser, unique } from "../support/factories";

/** The user as MySQL holds them now (the page may say anything). */
const userRow = (username: string) => findUserByUsername(username);

/** Every URL the page asked for or navigated to, and the method of each request. */
function recordTraffic(page: Page) {
  const urls: string[] = [];
  const requests: Request[] = [];
  page.on("request", (r) => {
    urls.push(r.url());
    requests.push(r);
    const referer = r.headers().referer;
    if (referer) urls.push(referer);
  });
  page.on("framenavigated", (f) => urls.push(f.url()));
  return { urls, requests };
}

async function fillSignUp(
  page: Page,
  fields: { username: string; displayName: string; password: string },
) {
  await page.getByLabel("Username").fill(fields.username);
  await page.getByLabel("Display name").fill(fields.displayName);
  await page.getByLabel("Password").fill(fields.password);
}

test.describe("forms work without JavaScript and never put a secret in a URL", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up with JavaScript off creates the account by POST; the password is in no URL", async ({
    page,
    context,
  }) => {
    const traffic = recordTraffic(page);
    const username = unique("nojs");
    const password = `NoScript-${username}-Secret!`;
    await page.goto("/signup");
    await fillSignUp(page, { username, displayName: "No Script Nora", password });
    await page.getByRole("button", { name: "Sign up" }).click();

    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByText("Account created — sign in")).toBeVisible();
    await expect(page.getByLabel("Username")).toHaveValue(username);
    expect(await userRow(username)).toMatchObject({ username, displayName: "No Script Nora" });

    const signUpRequests = traffic.requests.filter((r) => new URL(r.url()).pathname === "/signup");
    expect(signUpRequests.some((r) => r.method() === "POST")).toBe(true);
    for (const url of traffic.urls) {
      expect(url).not.toContain(password);
      expect(url).not.toContain(encodeURIComponent(password));
      expect(new URL(url).searchParams.has("password")).toBe(false);
    }
    // The account is real: its password signs in.
    await signIn(context, { username, password });
  });

  test("a moderator's ban form with JavaScript off goes by POST and bans", async ({
    page,
    context,
  }) => {
    const [admin, target] = await Promise.all([makeUser({ role: "admin" }), makeUser()]);
    await signIn(context, admin);
    const traffic = recordTraffic(page);
    await page.goto(`/admin/users?q=${target.username}`);
    const form = page.getByRole("form", { name: `Ban ${target.username}` });
    await form.getByLabel("Ban reason").fill("spam from a script-free browser");
    await form.getByRole("button", { name: "Ban" }).click();

    await expect(page.getByText(`${target.username} is banned`)).toBeVisible();
    const row = await userRow(target.username);
    expect(row?.bannedUntil).not.toBeNull();
    const posts = traffic.requests.filter(
      (r) => new URL(r.url()).pathname === "/admin/users" && r.method() === "POST",
    );
    expect(posts).toHaveLength(1);
    for (const url of traffic.urls) expect(url).not.toContain("reason=");
  });

  test("an admin creates a channel with JavaScript off, by POST", async ({ page, context }) => {
    const admin = await makeUser({ role: "admin" });
    await signIn(context, admin);
    const traffic = recordTraffic(page);
    const slug = unique("nojs");
    await page.goto("/admin/channels");
    const form = page.getByRole("form", { name: "Create channel" });
    await form.getByLabel("Slug").fill(slug);
    await form.getByLabel("Name").fill(`No script ${slug}`);
    await form.getByRole("button", { name: "Create channel" }).click();

    await expect(page.getByRole("listitem", { name: slug })).toBeVisible();
    expect(await findChannelBySlug(slug)).not.toBeNull();
    expect(
      traffic.requests.some(
        (r) => new URL(r.url()).pathname === "/admin/channels" && r.method() === "POST",
      ),
    ).toBe(true);
    for (const url of traffic.urls) expect(new URL(url).searchParams.has("slug")).toBe(false);
  });
});

test.describe("sign-up refuses what a spoofer or a guesser would use", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/signup");
    // The browser's own minlength check would answer first; the server's rules are under test.
    await page.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
  });

  for (const [password, message] of [
    ["password123", /too common/],
    ["qwertyuiop", /too common/],
    ["QwertyUIOP", /too common/],
    ["nine-char", /at least 10 characters/],
  ] as const) {
    test(`the password "${password}" is refused with a message`, async ({ page }) => {
      const username = unique("weak");
      await fillSignUp(page, { username, displayName: "Weak Willy", password });
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByText(message)).toBeVisible();
      expect(await userRow(username)).toBeNull();
    });
  }

  test("bidi overrides and invisible characters are stripped from the display name", async ({
    page,
  }) => {
    const username = unique("bidi");
    await fillSignUp(page, {
      username,
      displayName: "\u202Eevil\u202C \u2066Eve\u2069\u200B\uFEFF\u00AD",
      password: `Bidi-${username}-passphrase`,
    });
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/$/);
    expect((await userRow(username))?.displayName).toBe("evil Eve");
  });

  test("a display name of nothing but invisible characters is refused", async ({ page }) => {
    const username = unique("blank");
    await fillSignUp(page, {
      username,
      displayName: "\u200B\u202E\u2066\u3164",
      password: `Blank-${username}-passphrase`,
    });
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText("Display name is required")).toBeVisible();
    expect(await userRow(username)).toBeNull();
  });

  // Names built inside the test: a title must be the same each time Playwright loads the file.
  for (const [title, name] of [
    ["admin-<unique>", () => unique("admin-")],
    ["Adm1n", () => "Adm1n"],
    ["moderator", () => "moderator"],
    ["root", () => "root"],
  ] as const) {
    test(`the staff-like username ${title} is refused`, async ({ page }) => {
      const username = name();
      await fillSignUp(page, {
        username,
        displayName: "Just Me",
        password: "a perfectly fine passphrase",
      });
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByText("That username is reserved for staff")).toBeVisible();
      expect(await userRow(username)).toBeNull();
    });
  }

  for (const displayName of ["Admin", "ＡＤＭＩＮ", "a\u200Bdmin", "Site Moderator", "S.T.A.F.F"]) {
    test(`the staff-like display name ${JSON.stringify(displayName)} is refused`, async ({
      page,
    }) => {
      const username = unique("lookalike");
      await fillSignUp(page, { username, displayName, password: "a perfectly fine passphrase" });
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByText("That display name is reserved for staff")).toBeVisible();
      expect(await userRow(username)).toBeNull();
    });
  }
});
