/**
 * "Desktop notifications on this device", remembered per browser: the choice is about this
 * screen, not the account, so it lives in localStorage, and a page reads it before showing an
 * in-page notification.
 */
export const DEVICE_NOTIFICATIONS_KEY = "chat.notifications.device";

/** True when the person turned notifications on in this browser. */
export function deviceNotificationsOn(): boolean {
  try {
    return window.localStorage.getItem(DEVICE_NOTIFICATIONS_KEY) === "on";
  } catch {
    // Storage blocked (some private modes): notifications stay off, as if never chosen.
    return false;
  }
}

export function setDeviceNotifications(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(DEVICE_NOTIFICATIONS_KEY, "on");
    else window.localStorage.removeItem(DEVICE_NOTIFICATIONS_KEY);
  } catch {
    // Nothing to remember it in; the setting lasts as long as the page.
  }
}

/** What this browser can do: show notifications at all, and receive web push. */
export function notificationSupport(): { notifications: boolean; push: boolean } {
  if (typeof window === "undefined") return { notifications: false, push: false };
  const notifications = "Notification" in window;
  const push = notifications && "serviceWorker" in navigator && "PushManager" in window;
  return { notifications, push };
}
