import { getTranslations } from "next-intl/server";
import { LanguageSelect } from "@/components/i18n/language-select";
import {
  DisplayNameForm,
  PasswordForm,
  SignOutEverywhereForm,
} from "@/components/settings/account-forms";
import { NotificationToggle } from "@/components/settings/notification-toggle";
import { PageHeader } from "@/components/ui/page-header";
import { setLanguageAction } from "../../_i18n/actions";
import { vapidConfig } from "../../_lib/push/config";
import { requireCurrentUser } from "../../_lib/session";
import { changeDisplayNameAction, changePasswordAction, signOutEverywhereAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

const section = "space-y-3 border-b border-zinc-200 pb-6 dark:border-zinc-800";

/**
 * `/settings`: language, display name, password, notifications and sessions. Every form works
 * without JavaScript; the notifications switch needs the browser's APIs and waits for them.
 */
export default async function SettingsPage() {
  const user = await requireCurrentUser("/settings");
  // Banned: the layout says so; this page shows nothing of its own.
  if (!user) return null;
  const t = await getTranslations("settings");
  const tn = await getTranslations("notifications.settings");
  return (
    <>
      <PageHeader title={t("title")} back />
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        <div className="mx-auto max-w-lg space-y-6">
          <section className={section}>
            <LanguageSelect action={setLanguageAction} />
          </section>
          <section aria-labelledby="settings-name" className={section}>
            <h2 id="settings-name" className="text-lg font-semibold">
              {t("displayName.heading")}
            </h2>
            <DisplayNameForm action={changeDisplayNameAction} current={user.displayName} />
          </section>
          <section aria-labelledby="settings-password" className={section}>
            <h2 id="settings-password" className="text-lg font-semibold">
              {t("password.heading")}
            </h2>
            {user.passwordHash ? (
              <PasswordForm action={changePasswordAction} />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("password.github")}</p>
            )}
          </section>
          <section aria-labelledby="settings-notifications" className={section}>
            <h2 id="settings-notifications" className="text-lg font-semibold">
              {tn("heading")}
            </h2>
            <NotificationToggle pushAvailable={vapidConfig() !== null} />
          </section>
          <section aria-labelledby="settings-sessions" className="space-y-3">
            <h2 id="settings-sessions" className="text-lg font-semibold">
              {t("sessions.heading")}
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("sessions.description")}</p>
            <SignOutEverywhereForm action={signOutEverywhereAction} />
          </section>
        </div>
      </div>
    </>
  );
}
