import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, forbidDialogs, test } from "../e2e/fixtures";
import { makeUser } from "../support/factories";
import { nonceOf, partyHost, watchPolicy } from "./headers-fixtures";

declare global {
  interface Window {
    __injected?: string[];
  }
}

test.describe("the Content-Security-Policy in a real browser", () => {
  test("a channel page loads, connects, and sends under the policy without a violation", async ({
    users,
    chatChannel: channel,
  }) => {
    const { page, user } = await users.signedIn({ displayName: "Policy Alice" });
    const watch = await watchPolicy(page);
    const response = await page.goto(`/c/${channel.slug}`);
    // Not vacuous: the document really was served under the policy, room socket included.
    expect(response?.headers()["content-security-policy"]).toContain(
      `connect-src 'self' ws://${partyHost()}`,
    );
    await expect(page.getByRole("list", { name: "Who is here" })).toContainText(user.displayName);
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("sent under a strict policy");
    await box.press("Enter");
    const messages = page.getByRole("list", { name: "Messages" }).getByRole("listitem");
    await expect(messages.filter({ hasText: "sent under a strict policy" })).toHaveCount(1);
    await expect(page.locator("[data-pending]")).toHaveCount(0);

    // Every script on the page either carries this response's nonce or is one of Next's own
    // chunks that a nonced script loaded ('strict-dynamic'); no inline script goes without it.
    const nonce = nonceOf(response?.headers()["content-security-policy"] as string);
    const scripts = await page.evaluate(() =>
      [...document.scripts].map((s) => ({ nonce: s.nonce, src: s.src, inline: !s.src })),
    );
    expect(scripts.length).toBeGreaterThan(0);
    const origin = new URL(page.url()).origin;
    for (const script of scripts) {
      if (script.nonce === nonce) continue;
      expect(script.inline, `an inline script without the nonce: ${JSON.stringify(script)}`).toBe(
        false,
      );
      expect(script.src.startsWith(`${origin}/_next/static/`), script.src).toBe(true);
    }

    expect(await watch.violations()).toEqual([]);
    expect(watch.console).toEqual([]);
  });

  test("signing in through the form works under the policy (the page hydrates)", async ({
    page,
  }) => {
    const user = await makeUser();
    const watch = await watchPolicy(page);
    await page.goto("/signin");
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
    // Had the form's script been blocked, the browser would have sent the form as a GET.
    expect(page.url()).not.toContain("password");
    expect(await watch.violations()).toEqual([]);
    expect(watch.console).toEqual([]);
  });

  test("markup that slips into the HTML cannot run, even with a nonce from an earlier response", async ({
    users,
    chatChannel: channel,
  }) => {
    const { context, page } = await users.signedIn();
    forbidDialogs(page);
    const watch = await watchPolicy(page);
    // An earlier response's nonce, as an attacker who saw one page would hold it.
    const earlier = await context.request.get(`/c/${channel.slug}`);
    const stale = nonceOf(earlier.headers()["content-security-policy"] as string);
    // Stand-in for a stored XSS that got past React's escaping: the real server response, its
    // real headers, with hostile markup spliced into the HTML on the way to the browser.
    const hostile = [
      `<script>(window.__injected ??= []).push("inline")</script>`,
      `<script nonce="${stale}">(window.__injected ??= []).push("stale nonce")</script>`,
      `<img src="/no-such-image.png" onerror="(window.__injected ??= []).push('handler')">`,
      `<script src="data:text/javascript,(window.__injected??=[]).push('data url')"></script>`,
    ].join("");
    await page.route(`**/c/${channel.slug}`, async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      const html = (await response.text()).replace(/<main\b/, (main) => `${hostile}${main}`);
      await route.fulfill({ response, body: html });
    });
    // The page's own nonced scripts still run: the channel view opens its socket to the room.
    // (Chromium then refuses that socket, as it refuses a page the test answered itself any
    // connection to a loopback address; the open attempt is the proof wanted here.)
    // The person's own room (unread counts) may open its socket first; wait for the channel's.
    const channelRoom = `${partyHost()}/parties/main/${channel.slug}`;
    const socket = page.waitForEvent("websocket", (ws) => ws.url().includes(channelRoom));
    await page.goto(`/c/${channel.slug}`);
    await socket;
    await expect
      .poll(async () => (await watch.violations()).map((v) => v.directive).sort())
      .toEqual(["script-src-attr", "script-src-elem", "script-src-elem", "script-src-elem"]);
    expect(await page.evaluate(() => window.__injected ?? [])).toEqual([]);
  });

  test("another site cannot frame the app", async ({ page, baseURL }) => {
    // The other site is a real server on another port of this machine: a page the test answered
    // itself would count as public, and Chromium would refuse it any frame of a loopback address
    // before our headers were read.
    const attacker = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>evil</title>
        <iframe id="victim" title="victim" src="${baseURL}/signin"></iframe>
        <iframe id="control" title="control" srcdoc="<p>framable</p>"></iframe>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    const { port } = attacker.address() as AddressInfo;
    const refusals: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("frame-ancestors 'none'")) refusals.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.frameLocator("#control").getByText("framable")).toBeVisible();
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    const victim = await (await page.$("#victim"))?.contentFrame();
    expect(victim?.url()).not.toContain("/signin");
    await expect(page.frameLocator("#victim").getByRole("button", { name: "Sign in" })).toHaveCount(
      0,
    );
    await new Promise((resolve) => attacker.close(resolve));
  });
});
