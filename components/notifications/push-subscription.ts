/**
 * Turning notifications on and off in this browser: permission, the service worker
 * (public/sw.js), the push subscription and telling the server about it.
 */
import { notificationSupport, setDeviceNotifications } from "./device-setting";

/** How turning on went; the settings page words each. */
export type EnableResult =
  | "on"
  /** On for in-page notifications, but this server sends no web push (no VAPID keys). */
  | "on_without_push"
  | "unsupported"
  | "denied"
  | "failed";

const SERVICE_WORKER_URL = "/sw.js";

/** The VAPID key bytes from base64url, as `applicationServerKey` wants them. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function publicKey(): Promise<string | null> {
  const response = await fetch("/api/push/public-key", { cache: "no-store" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`public key: ${response.status}`);
  const body = (await response.json()) as { publicKey?: unknown };
  return typeof body.publicKey === "string" ? body.publicKey : null;
}

/**
 * Asks for permission (only now, after the person chose to), then subscribes this browser to
 * web push and stores the subscription on the server. Remembers the choice for this device.
 */
export async function enableNotifications(): Promise<EnableResult> {
  const support = notificationSupport();
  if (!support.notifications) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return "denied";
  if (!support.push) {
    setDeviceNotifications(true);
    return "on_without_push";
  }
  try {
    const key = await publicKey();
    if (!key) {
      setDeviceNotifications(true);
      return "on_without_push";
    }
    const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
    await navigator.serviceWorker.ready;
    let subscription = await registration.pushManager.getSubscription();
    const wanted = keyBytes(key);
    if (subscription && !sameKey(subscription.options.applicationServerKey, wanted)) {
      // The server's key changed since this browser subscribed: that subscription is dead.
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: wanted,
    });
    const response = await fetch("/api/push/subscription", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(subscription.toJSON()),
    });
    if (!response.ok) return "failed";
    setDeviceNotifications(true);
    return "on";
  } catch (error) {
    console.error("Turning notifications on failed:", error);
    return "failed";
  }
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === wanted.length && bytes.every((b, i) => b === wanted[i]);
}

/** Stops notifications on this device: forgets the choice, unsubscribes, tells the server. */
export async function disableNotifications(): Promise<void> {
  setDeviceNotifications(false);
  if (!notificationSupport().push) return;
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  // A 404 (already gone on the server) is fine: the device is off either way.
  await fetch("/api/push/subscription", {
    method: "DELETE",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoint }),
  });
}
