/**
 * The support widget on someone else's website: a host page (host-page.ts) on a second local origin
 * (its own port) with the snippet, as a site owner would paste it. The chat itself belongs to
 * support-chat.spec.ts; this checks the front door: the loader, the frame and its framing policy,
 * the frame's handshake with the loader, the strict-CSP host page, and the admin page.
 */
import type { Page } from "@playwright/test";
import { updateSite } from "@/db/queries/sites";
import { parsePolicy } from "../security/headers-fixtures";
import { makeSite, unique } from "../support/factories";
import { expect, test } from "./fixtures";
import { type HostPage, startHostPage, strictPolicy } from "./host-page";

let host: HostPage;
let hostOrigin = "";
let appOrigin = "";

test.beforeAll(async ({ baseURL }) => {
  appOrigin = new URL(baseURL ?? "").origin;
  host = await startHostPage(appOrigin);
  hostOrigin = host.origin;
});

test.afterAll(async () => {
  await host.close();
});

/** A site of the shared factory whose widget the given origins may embed. */
const siteFor = (origins: string[]) => makeSite({ origins, greeting: "Hello from the shop" });

/** Collects every CSP violation on the page and in its frames, from events and the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__reportViolation", (text: string) => seen.push(text));
  // Init scripts run in every frame before the page's own scripts, whatever its CSP says.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportViolation?: (t: string) => void })
        .__reportViolation;
      report?.(`${e.violatedDirective} ${e.blockedURI} @ ${location.href}`);
    });
  });
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) seen.push(m.text());
  });
  return seen;
}

test.describe("the widget on another website", () => {
  test("the launcher appears; opening it frames /widget/<key> for this origin", async ({
    page,
  }) => {
    const site = await siteFor([hostOrigin]);
    await page.goto(`${hostOrigin}/?site=${site.publicKey}`);
    const launcher = page.getByRole("button", { name: "Open chat" });
    await expect(launcher).toBeVisible();
    await expect(launcher).toHaveAttribute("aria-expanded", "false");
    // Nothing is framed until the visitor asks.
    await expect(page.locator("iframe")).toHaveCount(0);

    await launcher.click();
    const frameElement = page.locator('iframe[title="Support chat"]');
    await expect(frameElement).toBeVisible();
    const src = new URL((await frameElement.getAttribute("src")) ?? "");
    expect(src.origin).toBe(appOrigin);
    expect(src.pathname).toBe(`/widget/${site.publicKey}`);
    expect(src.searchParams.get("origin")).toBe(hostOrigin);
    expect(src.searchParams.get("page")).toBe(`${hostOrigin}/?site=${site.publicKey}`);
    const chat = page.frameLocator('iframe[title="Support chat"]');
    await expect(chat.getByRole("heading", { name: site.name })).toBeVisible();
    await expect(chat.getByText("Hello from the shop")).toBeVisible();

    // The same button closes it; the JS API opens and closes it too.
    const close = page.getByRole("button", { name: "Close chat" });
    await expect(close).toHaveAttribute("aria-expanded", "true");
    await close.click();
    await expect(frameElement).toBeHidden();
    await page.evaluate(() => (window as unknown as { Chat: { open(): void } }).Chat.open());
    await expect(frameElement).toBeVisible();
    await page.evaluate(() => (window as unknown as { Chat: { close(): void } }).Chat.close());
    await expect(frameElement).toBeHidden();
    // One frame, made once.
    await expect(page.locator("iframe")).toHaveCount(1);
  });

  test("in the frame the visitor chats: ready, open focuses the form, API calls pass the origin check", async ({
    page,
  }) => {
    const site = await siteFor([hostOrigin]);
    await page.goto(`${hostOrigin}/?site=${site.publicKey}`);
    await page.getByRole("button", { name: "Open chat" }).click();
    const chat = page.frameLocator('iframe[title="Support chat"]');
    // The loader held `open` until the page said `ready`; the page then put the visitor in its form.
    await expect(chat.getByLabel("Your name (optional)")).toBeFocused();
    await chat.getByRole("button", { name: "Start chat" }).click();
    const composer = chat.getByRole("textbox", { name: "Message" });
    await expect(composer).toBeEnabled();
    await composer.fill("hello from a framed page");
    await composer.press("Enter");
    // Acknowledged by the room: the token came from /api/widget, a same-origin GET with no Origin.
    const messages = chat.getByRole("list", { name: "Messages" }).getByRole("listitem");
    const sent = messages.filter({ hasText: "hello from a framed page" });
    await expect(sent).toBeVisible();
    await expect(sent.filter({ hasText: "Sending" })).toHaveCount(0);
  });

  test("a host page with a strict CSP still gets the launcher and the frame, with no violation", async ({
    page,
  }) => {
    const site = await siteFor([hostOrigin]);
    const violations = await watchViolations(page);
    const response = await page.goto(`${hostOrigin}/strict?site=${site.publicKey}`);
    expect(response?.headers()["content-security-policy"]).toBe(strictPolicy(appOrigin));
    const launcher = page.getByRole("button", { name: "Open chat" });
    await expect(launcher).toBeVisible();
    // Styled through CSSOM, which style-src 'none' does not block: it really is a fixed button.
    await expect(launcher).toHaveCSS("position", "fixed");
    await launcher.click();
    const chat = page.frameLocator('iframe[title="Support chat"]');
    await expect(chat.getByRole("heading", { name: site.name })).toBeVisible();
    await expect(page.locator('iframe[title="Support chat"]')).toHaveCSS("position", "fixed");
    expect(violations).toEqual([]);
    // The watcher does see a violation: a style attribute, which this policy forbids.
    await page.evaluate(() => {
      const marked = document.createElement("div");
      marked.setAttribute("style", "color: red");
      document.body.append(marked);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });

  test("an origin not in the site's list cannot frame the chat", async ({ page, request }) => {
    const site = await siteFor(["https://elsewhere.example"]);
    const refused: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("frame-ancestors")) refused.push(m.text());
    });
    await page.goto(`${hostOrigin}/?site=${site.publicKey}`);
    await page.getByRole("button", { name: "Open chat" }).click();
    const frameElement = page.locator('iframe[title="Support chat"]');
    await expect(frameElement).toBeAttached();
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    const frame = await (await frameElement.elementHandle())?.contentFrame();
    expect(await frame?.getByRole("heading", { name: site.name }).count()).toBe(0);

    // The policy itself: the page may be framed by the site's origins, and only by them.
    const direct = await request.get(
      `/widget/${site.publicKey}?origin=${encodeURIComponent("https://elsewhere.example")}`,
    );
    expect(direct.status()).toBe(200);
    const csp = parsePolicy(direct.headers()["content-security-policy"] ?? "");
    expect(csp.get("frame-ancestors")).toEqual(["https://elsewhere.example"]);
    // Asked for on behalf of an origin not listed, the page is not there at all.
    const wrong = await request.get(
      `/widget/${site.publicKey}?origin=${encodeURIComponent(hostOrigin)}`,
    );
    expect(wrong.status()).toBe(404);
  });

  test("an unknown or archived site is a 404 that nobody may frame", async ({ request }) => {
    const site = await siteFor([hostOrigin]);
    const at = `/widget/${site.publicKey}?origin=${encodeURIComponent(hostOrigin)}`;
    expect((await request.get(at)).status()).toBe(200);
    await updateSite({ id: site.id, changes: { archivedAt: new Date() } });
    for (const path of [
      at,
      `/widget/000000000000000000000000?origin=${encodeURIComponent(hostOrigin)}`,
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      const csp = parsePolicy(response.headers()["content-security-policy"] ?? "");
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
    }
  });

  test("the loader is one cacheable, cross-origin script", async ({ request }) => {
    const response = await request.get("/widget.js", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(headers["cache-control"]).toMatch(/max-age=\d+/);
    expect(headers.etag).toBeTruthy();
    const body = await response.text();
    expect(body).not.toContain("__WIDGET_WORDS__");
    expect(body).toContain('"Open chat"');
    expect(body).toContain("打开聊天");
    expect(body).not.toMatch(/\beval\(|new Function|setAttribute\("style"|\.cssText|innerHTML/);
    const again = await request.get("/widget.js", {
      headers: { "if-none-match": headers.etag ?? "" },
    });
    expect(again.status()).toBe(304);
  });

  test("a Chinese browser gets a Chinese launcher", async ({ browser }) => {
    const site = await siteFor([hostOrigin]);
    const context = await browser.newContext({ locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`${hostOrigin}/?site=${site.publicKey}`);
      await page.getByRole("button", { name: "打开聊天" }).click();
      await expect(page.locator('iframe[title="在线客服"]')).toBeVisible();
      await expect(page.getByRole("button", { name: "关闭聊天" })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("the chat page passes axe", async ({ page }) => {
    const site = await siteFor([hostOrigin]);
    await page.goto(`/widget/${site.publicKey}?origin=${encodeURIComponent(hostOrigin)}`);
    await expect(page.getByRole("heading", { name: site.name })).toBeVisible();
  });
});

test.describe("/admin/sites", () => {
  test("an admin creates a site: the secret is shown once, a reload does not show it", async ({
    users,
    baseURL,
  }) => {
    const { page } = await users.signedIn({ role: "admin" });
    await page.goto("/admin/sites");
    await expect(page.getByRole("heading", { name: "Websites", level: 1 })).toBeVisible();
    const name = unique("Bakery");
    const form = page.getByRole("form", { name: "New website" });
    await form.getByLabel("Name").fill(name);
    await form
      .getByLabel("Allowed origins, one a line")
      .fill(`https://bakery.example\n${hostOrigin}`);
    await form.getByLabel("Greeting").fill("Fresh bread!");
    await form.getByRole("button", { name: "Create website" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${name} created` })).toBeVisible();
    const shown = page.getByTestId("site-secret");
    await expect(shown).toHaveText(/^[A-Za-z0-9_-]{43}$/);
    const secret = (await shown.textContent()) ?? "";
    expect(page.url()).not.toContain(secret);

    const item = page.getByRole("listitem", { name });
    await expect(item).toBeVisible();
    const snippet = (await item.locator("pre code").first().textContent()) ?? "";
    expect(snippet).toMatch(
      new RegExp(
        `^<script src="${new URL(baseURL ?? "").origin}/widget\\.js" data-site="[0-9a-f]{24}" async></script>$`,
      ),
    );
    await expect(item.locator("pre code").nth(1)).toHaveText(
      `script-src ${appOrigin}\nframe-src ${appOrigin}`,
    );

    await page.reload();
    await expect(page.getByRole("listitem", { name })).toBeVisible();
    await expect(page.getByTestId("site-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // Rotating shows a new one, once.
    await page
      .getByRole("listitem", { name })
      .getByRole("button", { name: "Rotate secret" })
      .click();
    const rotated = page.getByTestId("site-secret");
    await expect(rotated).toHaveText(/^[A-Za-z0-9_-]{43}$/);
    expect(await rotated.textContent()).not.toBe(secret);
  });

  test("the page is in Chinese for a Chinese reader", async ({ users, baseURL }) => {
    const { page, context } = await users.signedIn({ role: "admin" });
    await context.addCookies([{ name: "locale", value: "zh-CN", url: baseURL ?? "" }]);
    await page.goto("/admin/sites");
    await expect(page.getByRole("heading", { name: "网站", level: 1 })).toBeVisible();
    await expect(page.getByRole("form", { name: "新网站" })).toBeVisible();
    await expect(page.getByRole("button", { name: "创建网站" })).toBeVisible();
  });

  test("a bad origin is refused with the line named", async ({ users }) => {
    const { page } = await users.signedIn({ role: "admin" });
    await page.goto("/admin/sites");
    const form = page.getByRole("form", { name: "New website" });
    await form.getByLabel("Name").fill(unique("Bad"));
    await form.getByLabel("Allowed origins, one a line").fill("https://*.example.com");
    await form.getByRole("button", { name: "Create website" }).click();
    await expect(form.getByRole("status")).toContainText("https://*.example.com");
    await expect(page.getByTestId("site-secret")).toHaveCount(0);
  });

  test("members and moderators get 403; signed-out visitors sign in first", async ({
    users,
    request,
  }) => {
    for (const role of ["member", "moderator"] as const) {
      const { page } = await users.signedIn({ role });
      const response = await page.goto("/admin/sites");
      expect(response?.status(), role).toBe(403);
      await expect(page.getByText("Create website")).toHaveCount(0);
    }
    const anonymous = await request.get("/admin/sites", { maxRedirects: 0 });
    expect(anonymous.status()).toBe(307);
    expect(anonymous.headers().location).toContain("/signin");
  });
});
