/**
 * Attacks on the front door, against `next start` + the room + MariaDB: credentials in URLs,
 * password guessing, a banned member still reading, open redirects after sign-in, and sessions
 * that outlive a password change or "sign out everywhere".
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { clearThrottle } from "@/db/queries/throttle";
import { setRestriction } from "@/db/queries/users";
import { expect, signIn, test } from "../e2e/fixtures";
import { makeChannel, makeMessages, makeUser, type TestUser, unique } from "../support/factories";

const origin = () => new URL(process.env.E2E_BASE_URL as string).origin;

/**
 * A context with an address of its own (the app reads `x-real-ip` when self-hosted), so one
 * test's failed guesses never throttle another test's sign-ins from the same machine.
 */
function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  return browser.newContext({
    ...options,
    extraHTTPHeaders: { "x-real-ip": `test-${unique("ip")}` },
  });
}

/** Records every URL the page requests or navigates to. */
function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("framenavigated", (f) => urls.push(f.url()));
  return urls;
}

function expectNoSecretIn(urls: string[], secret: string) {
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url).not.toContain(secret);
    expect(url).not.toContain(encodeURIComponent(secret));
    expect(url).not.toMatch(/[?&]password=/);
  }
}

/** The sign-in form's own alert (Next.js adds an empty route announcer with the same role). */
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

async function fillSignIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("the sign-in form", () => {
  test("works with JavaScript off, posts the password, and returns to the callback", async ({
    browser,
  }) => {
    const [user, channel] = await Promise.all([makeUser(), makeChannel()]);
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const urls = watchUrls(page);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.postData() ?? "");
    });

    await page.goto(`/c/${channel.slug}`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await fillSignIn(page, user.username, "not the password");
    await expect(formAlert(page)).toHaveText("Wrong username or password.");

    await fillSignIn(page, user.username, user.password);
    await expect(page).toHaveURL(new RegExp(`/c/${channel.slug}$`));
    // Signed in: the shell with the channel list and the way to settings is served.
    await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
    await expect(page.getByRole("link", { name: user.displayName })).toBeVisible();
    expectNoSecretIn(urls, user.password);
    expectNoSecretIn(urls, "not the password");
    // The password went in a POST body, not a URL.
    expect(posts.some((body) => body.includes(user.password))).toBe(true);
    await context.close();
  });

  test("with JavaScript on, no URL carries the password either", async ({ browser }) => {
    const user = await makeUser();
    const context = await newContext(browser);
    const page = await context.newPage();
    const urls = watchUrls(page);
    await page.goto("/signin");
    await fillSignIn(page, user.username, user.password);
    await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
    expectNoSecretIn(urls, user.password);
    await context.close();
  });
});

test.describe("password guessing is throttled", () => {
  test("20 wrong passwords: throttled with the message, the right one refused until the cool-down", async ({
    browser,
  }) => {
    const user = await makeUser();
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/signin");
    for (let i = 0; i < 20; i++) {
      await fillSignIn(page, user.username, `wrong guess ${i}`);
      await expect(formAlert(page)).toHaveText(
        /^(Wrong username or password\.|Too many attempts\. Try again in \d+ minutes?\.)$/,
      );
    }
    await expect(formAlert(page)).toHaveText(/^Too many attempts\. Try again in \d+ minutes?\.$/);

    // The right password is refused too, from this browser and from a fresh address.
    await fillSignIn(page, user.username, user.password);
    await expect(formAlert(page)).toHaveText(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    await expect(page).toHaveURL(/\/signin/);
    const elsewhere = await newContext(browser);
    const csrf = (await (await elsewhere.request.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const api = await elsewhere.request.post("/api/auth/callback/credentials", {
      form: {
        csrfToken: csrf.csrfToken,
        username: user.username,
        password: user.password,
        json: "true",
      },
    });
    expect(((await api.json()) as { url: string }).url).toContain("error=throttled");
    expect((await elsewhere.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);

    // When the cool-down is over (its record forgotten here rather than waited for), the right
    // password works again; the end of a block by time is covered by the integration tests.
    await clearThrottle({ scope: "signin_user", key: user.username.toLowerCase() });
    await fillSignIn(page, user.username, user.password);
    await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
    await elsewhere.close();
    await context.close();
  });
});

test.describe("a banned member's cookie reads nothing", () => {
  test("history routes and the token route refuse it, and the channel page ships no messages", async ({
    browser,
  }) => {
    const [member, channel] = await Promise.all([makeUser(), makeChannel()]);
    const secret = `secret-history-${unique("body")}`;
    await makeMessages({ channel, author: member, bodies: [secret] });
    const context = await newContext(browser);
    await signIn(context, member);
    const messagesUrl = `/api/channels/${channel.slug}/messages`;
    const changesUrl = `/api/channels/${channel.slug}/changes?since=2026-01-01T00:00:00Z&from=1&upTo=${Number.MAX_SAFE_INTEGER}`;
    expect((await context.request.get(messagesUrl)).status()).toBe(200);

    // Banned straight in the database: the session cookie (a 30-day JWT before) is untouched.
    await setRestriction({
      kind: "ban",
      userId: member.id,
      until: new Date(Date.now() + 86_400_000),
      reason: "spam",
    });
    for (const url of [messagesUrl, changesUrl, `/api/party/token?channel=${channel.slug}`]) {
      const response = await context.request.get(url);
      expect([401, 403], url).toContain(response.status());
      expect(await response.text()).not.toContain(secret);
    }
    const html = await (await context.request.get(`/c/${channel.slug}`)).text();
    expect(html).not.toContain(secret);
    const page = await context.newPage();
    await page.goto(`/c/${channel.slug}`);
    await expect(page.getByRole("heading", { name: "You are banned" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Messages" })).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
    await context.close();
  });
});

test.describe("the callback after sign-in stays on this site", () => {
  for (const callbackUrl of ["/%5Cevil.example", "//evil.example", "https://evil.example"]) {
    for (const javaScriptEnabled of [true, false]) {
      test(`callbackUrl=${callbackUrl} (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
        browser,
      }) => {
        const user = await makeUser();
        const context = await newContext(browser, { javaScriptEnabled });
        const page = await context.newPage();
        const offSite: string[] = [];
        page.on("request", (r) => {
          if (new URL(r.url()).origin !== origin()) offSite.push(r.url());
        });
        // Encoded as an attacker's link would carry it; the page decodes it once.
        const query = callbackUrl.startsWith("/%5C")
          ? callbackUrl
          : encodeURIComponent(callbackUrl);
        await page.goto(`/signin?callbackUrl=${query}`);
        await fillSignIn(page, user.username, user.password);
        await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
        expect(new URL(page.url()).origin).toBe(origin());
        expect(offSite).toEqual([]);
        await context.close();
      });
    }
  }
});

async function twoSessions(browser: Browser, user: TestUser) {
  const contexts: BrowserContext[] = [];
  for (let i = 0; i < 2; i++) {
    const context = await newContext(browser);
    await signIn(context, user);
    contexts.push(context);
  }
  const [a, b] = contexts as [BrowserContext, BrowserContext];
  return { a, b, pageA: await a.newPage(), pageB: await b.newPage() };
}

test.describe("sessions can be revoked", () => {
  test("a password change signs out the other sessions, not this one", async ({ browser }) => {
    const user = await makeUser();
    const { a, b, pageA, pageB } = await twoSessions(browser, user);
    await pageB.goto("/");
    await expect(pageB.getByRole("heading", { name: "Channels" })).toBeVisible();

    await pageA.goto("/settings");
    const form = pageA.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill(user.password);
    await form.getByLabel("New password").fill("a brand new passphrase");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("status")).toHaveText(
      "Password changed. Your other sessions are signed out.",
    );

    await pageB.goto("/");
    await expect(pageB).toHaveURL(/\/signin/);
    expect((await b.request.get("/api/channels/general/messages")).status()).toBe(401);
    await pageA.goto("/");
    await expect(pageA.getByRole("heading", { name: "Channels" })).toBeVisible();

    // The old password is gone and the new one works.
    await pageB.goto("/signin");
    await fillSignIn(pageB, user.username, user.password);
    await expect(formAlert(pageB)).toHaveText("Wrong username or password.");
    await fillSignIn(pageB, user.username, "a brand new passphrase");
    await expect(pageB.getByRole("heading", { name: "Channels" })).toBeVisible();
    await a.close();
    await b.close();
  });

  test("a wrong current password changes nothing", async ({ browser }) => {
    const user = await makeUser();
    const context = await newContext(browser);
    await signIn(context, user);
    const page = await context.newPage();
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password").fill("another new passphrase");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("status")).toHaveText("Your current password is wrong.");
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
    await context.close();
  });

  test("sign out everywhere (JavaScript off) ends this and every other session", async ({
    browser,
  }) => {
    const user = await makeUser();
    const { a, b, pageB } = await twoSessions(browser, user);
    await a.close();
    const noJs = await newContext(browser, { javaScriptEnabled: false });
    await signIn(noJs, user);
    const page = await noJs.newPage();
    await page.goto("/settings");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await pageB.goto("/settings");
    await expect(pageB).toHaveURL(/\/signin/);
    expect((await b.request.get("/api/party/token?channel=general")).status()).toBe(401);
    await b.close();
    await noJs.close();
  });

  test("display name changes without JavaScript", async ({ browser }) => {
    const user = await makeUser();
    const context = await newContext(browser, { javaScriptEnabled: false });
    await signIn(context, user);
    const page = await context.newPage();
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Display name" });
    await form.getByLabel("Display name").fill("Renamed Rita");
    await form.getByRole("button", { name: "Save display name" }).click();
    await expect(page.getByRole("status")).toHaveText("Display name saved.");
    await page.goto("/settings");
    await expect(page.getByRole("textbox", { name: "Display name" })).toHaveValue("Renamed Rita");
    await context.close();
  });
});
