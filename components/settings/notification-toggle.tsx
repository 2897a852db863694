"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useHydrated } from "@/components/chat/use-hydrated";
import {
  deviceNotificationsOn,
  notificationSupport,
} from "@/components/notifications/device-setting";
import {
  disableNotifications,
  type EnableResult,
  enableNotifications,
} from "@/components/notifications/push-subscription";

type Note = "unsupported" | "denied" | "failed" | null;

/**
 * "Desktop notifications on this device": a switch that asks the browser's permission only when
 * turned on (never on page load), and says why it cannot be on. `pushAvailable` is whether this
 * server sends web push at all (VAPID keys set); without it, notifications come only while a
 * tab is open. It needs the browser's APIs, so it stays disabled until the page has hydrated.
 */
export function NotificationToggle({ pushAvailable }: { pushAvailable: boolean }) {
  const t = useTranslations("notifications.settings");
  const hydrated = useHydrated();
  const id = useId();
  const [on, setOn] = useState(false);
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [supported, setSupported] = useState(true);

  useEffect(() => {
    const support = notificationSupport();
    setSupported(support.notifications);
    if (!support.notifications) return setNote("unsupported");
    if (Notification.permission === "denied") setNote("denied");
    setOn(deviceNotificationsOn() && Notification.permission === "granted");
  }, []);

  async function change(next: boolean) {
    setWorking(true);
    setNote(null);
    try {
      if (next) {
        const result: EnableResult = await enableNotifications();
        const nowOn = result === "on" || result === "on_without_push";
        setOn(nowOn);
        if (!nowOn) setNote(result === "unsupported" || result === "denied" ? result : "failed");
      } else {
        setOn(false);
        await disableNotifications();
      }
    } catch (error) {
      console.error("Changing notifications failed:", error);
      setNote("failed");
    } finally {
      setWorking(false);
    }
  }

  const status = working ? t("working") : on ? t("on") : t("off");
  // A live region without role="status": the page's forms each answer in a status of their own,
  // and this one should not be mistaken for theirs.
  return (
    <div className="space-y-2">
      <p id={`${id}-description`} className="text-sm text-zinc-600 dark:text-zinc-400">
        {t("description")}
      </p>
      <div className="flex items-center gap-3">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={on}
          aria-checked={on}
          disabled={!hydrated || !supported || working}
          aria-describedby={`${id}-description ${id}-status`}
          onChange={(e) => void change(e.currentTarget.checked)}
          className="h-5 w-5 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        />
        <label htmlFor={id} className="text-sm font-medium">
          {t("toggle")}
        </label>
      </div>
      <div id={`${id}-status`} aria-live="polite" className="space-y-1 text-sm">
        {hydrated && supported && <p className="text-zinc-700 dark:text-zinc-300">{status}</p>}
        {note && <p className="text-red-700 dark:text-red-400">{t(note)}</p>}
        {!pushAvailable && <p className="text-zinc-600 dark:text-zinc-400">{t("noPush")}</p>}
      </div>
    </div>
  );
}
