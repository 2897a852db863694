import type { BrowserContext, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { pushSubscriptions } from "@/db/schema";
import { unique } from "../support/factories";
import { makeSubscriptionKeys } from "../support/push-decrypt";
import { expect, test } from "./fixtures";

const TOGGLE = "Desktop notifications on this device";

/**
 * Chromium cannot create a real push subscription here: in Playwright's (incognito) contexts
 * it refuses push outright, and a persistent profile waits forever for Google's push service,
 * which is not reachable. So the browser's PushManager is replaced by one that returns a
 * subscription with a real key pair and an FCM-style endpoint; everything else is real
 * (permission, the service worker, the key from the server, the POST, the row in MySQL).
 */
async function fakePushManager(context: BrowserContext) {
  const keys = makeSubscriptionKeys();
  const endpoint = `https://fcm.googleapis.com/fcm/send/${unique("e2e", 60)}`;
  await context.addInitScript(
    ({ endpoint, p256dh, auth }) => {
      // Kept in sessionStorage so that, as in a real browser, the subscription outlives a reload.
      const STORE = "__fakePushKey";
      const w = window as unknown as { __subscribedWith?: string };
      const make = (keyText: string) => {
        const key = Uint8Array.from(atob(keyText), (c) => c.charCodeAt(0));
        return {
          endpoint,
          options: { applicationServerKey: key.buffer },
          toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
          unsubscribe: async () => {
            sessionStorage.removeItem(STORE);
            return true;
          },
        } as unknown as PushSubscription;
      };
      PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
        const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
        const keyText = btoa(String.fromCharCode(...key));
        w.__subscribedWith = keyText.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        sessionStorage.setItem(STORE, keyText);
        return make(keyText);
      };
      PushManager.prototype.getSubscription = async () => {
        const keyText = sessionStorage.getItem(STORE);
        return keyText ? make(keyText) : null;
      };
    },
    { endpoint, p256dh: keys.p256dh, auth: keys.auth },
  );
  return { endpoint };
}

async function rowsOf(userId: number) {
  return getDb()
    .select({ endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
}

const deviceSetting = (page: Page) =>
  page.evaluate(() => window.localStorage.getItem("chat.notifications.device"));

test("Settings has a labelled notifications switch that asks for nothing on load", async ({
  member,
}) => {
  const { page } = member;
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const toggle = page.getByRole("switch", { name: TOGGLE });
  await expect(toggle).toBeEnabled();
  await expect(toggle).not.toBeChecked();
  expect(await page.evaluate(() => Notification.permission)).toBe("default");
});

test("turning notifications on with permission granted stores this device's subscription; off removes it", async ({
  member,
}) => {
  const { page, context, user } = member;
  await context.grantPermissions(["notifications"]);
  const { endpoint } = await fakePushManager(context);
  await page.goto("/settings");
  const toggle = page.getByRole("switch", { name: TOGGLE });
  // A click, not check(): the switch turns on only once permission and subscribing are done.
  await toggle.click();
  await expect(page.getByText("On for this device.")).toBeVisible();
  await expect(toggle).toBeChecked();
  await expect.poll(() => rowsOf(user.id)).toEqual([{ endpoint, p256dh: expect.any(String) }]);
  expect(await deviceSetting(page)).toBe("on");

  // Subscribed with the server's key, fetched at run time.
  const served = (await (await page.request.get("/api/push/public-key")).json()) as {
    publicKey: string;
  };
  expect(
    await page.evaluate(() => (window as { __subscribedWith?: string }).__subscribedWith),
  ).toBe(served.publicKey);
  // The service worker is registered for the whole site.
  const scope = await page.evaluate(
    async () => (await navigator.serviceWorker.getRegistration("/"))?.scope,
  );
  expect(scope).toMatch(/\/$/);

  // Remembered on this device across a reload.
  await page.reload();
  await expect(page.getByRole("switch", { name: TOGGLE })).toBeChecked();

  await page.getByRole("switch", { name: TOGGLE }).click();
  await expect(page.getByText("Off for this device.")).toBeVisible();
  await expect.poll(() => rowsOf(user.id)).toEqual([]);
  expect(await deviceSetting(page)).toBeNull();
});

test("with permission refused, the switch stays off and says how to fix it", async ({ member }) => {
  const { page, context, user } = member;
  await fakePushManager(context);
  await page.goto("/settings");
  // Chromium under test answers a permission request it is not told to grant with "denied".
  await page.evaluate(() => {
    Notification.requestPermission = async () => "denied";
  });
  await page.getByRole("switch", { name: TOGGLE }).click();
  await expect(page.getByText(/Notifications are blocked for this site/)).toBeVisible();
  await expect(page.getByRole("switch", { name: TOGGLE })).not.toBeChecked();
  expect(await rowsOf(user.id)).toEqual([]);
});

test("the service worker script is served to anyone, with a policy that lets it load nothing", async ({
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const response = await anonymous.get("/sw.js", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/javascript/);
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'");
    expect(await response.text()).toContain("notificationclick");
  } finally {
    await anonymous.dispose();
  }
});
