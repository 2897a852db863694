/**
 * The in-page notification for a mention: the per-user room client calls `showMentionNotice`
 * for each live `mention` event. A page that is in front of the person shows nothing (they
 * see the badge); a hidden tab raises a browser notification, if this device was switched on
 * in Settings and the channel is not muted. Web push covers the time when no tab is open.
 */
import type { UserEvent } from "@/party/protocol";
import { deviceNotificationsOn } from "./device-setting";

export type MentionEvent = Extract<UserEvent, { type: "mention" }>;

/** What the decision depends on, gathered from the page (pure input, for unit tests). */
export type MentionNoticeState = {
  /** `document.hidden`: the tab is in the background or minimised. */
  hidden: boolean;
  /** "Desktop notifications on this device" is on. */
  deviceOn: boolean;
  /** The browser's permission, or "unsupported" without a Notification API. */
  permission: NotificationPermission | "unsupported";
  /** The person muted the mention's channel. */
  muted: boolean;
};

/** True when a mention should raise a browser notification from this page. */
export function shouldNotifyMention(state: MentionNoticeState): boolean {
  return state.hidden && state.deviceOn && state.permission === "granted" && !state.muted;
}

/** The tag that makes a channel's later notices replace its earlier one (as pushes do). */
export const mentionTag = (channel: string) => `channel-${channel}`;

/**
 * Shows a browser notification for `event` when `shouldNotifyMention` says so; clicking it
 * focuses this tab and opens the channel. `title` is the caller's words in the reader's
 * language, e.g. `t("notifications.push.single", { author, channel })`; the body is the
 * message's excerpt. Resolves true when a notification was shown.
 */
export async function showMentionNotice(
  event: MentionEvent,
  options: {
    title: string;
    muted: boolean;
    /** Opens a path in this tab; defaults to a plain navigation. */
    navigate?: (path: string) => void;
  },
): Promise<boolean> {
  if (typeof document === "undefined") return false;
  const state: MentionNoticeState = {
    hidden: document.hidden,
    deviceOn: deviceNotificationsOn(),
    permission: "Notification" in window ? Notification.permission : "unsupported",
    muted: options.muted,
  };
  if (!shouldNotifyMention(state)) return false;
  const path = `/c/${encodeURIComponent(event.channel)}`;
  const init: NotificationOptions = {
    body: event.excerpt,
    tag: mentionTag(event.channel),
    data: { url: path },
  };
  try {
    const notice = new Notification(options.title, init);
    notice.onclick = () => {
      window.focus();
      notice.close();
      (options.navigate ?? ((to: string) => window.location.assign(to)))(path);
    };
    return true;
  } catch {
    // Android's Chrome has no Notification constructor in pages: the service worker shows it,
    // and its click handler (public/sw.js) opens the channel.
    const registration = await navigator.serviceWorker?.getRegistration("/");
    if (!registration) return false;
    await registration.showNotification(options.title, init);
    return true;
  }
}
