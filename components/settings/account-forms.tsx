"use client";

import { useTranslations } from "next-intl";
// Type only: erased from the client bundle, so the server module never reaches the browser.
import type { FormServerAction as Action } from "@/app/_lib/guarded-action";
import { Field } from "../auth/field";
import { SettingsForm } from "./settings-form";

/** The display-name form, filled with the current name. */
export function DisplayNameForm({ action, current }: { action: Action; current: string }) {
  const t = useTranslations("settings.displayName");
  return (
    <SettingsForm action={action} label={t("label")} submit={t("submit")}>
      {(fields) => (
        <Field
          label={t("label")}
          name="displayName"
          defaultValue={current}
          required
          maxLength={64}
          error={fields.displayName}
        />
      )}
    </SettingsForm>
  );
}

/** Current and new password; the server checks the current one and the policy. */
export function PasswordForm({ action }: { action: Action }) {
  const t = useTranslations("settings.password");
  return (
    <SettingsForm action={action} label={t("formLabel")} submit={t("submit")}>
      {(fields) => (
        <>
          <Field
            label={t("current")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={fields.currentPassword}
          />
          <Field
            label={t("new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            error={fields.newPassword}
          />
        </>
      )}
    </SettingsForm>
  );
}

/** One button that ends every session of this account. */
export function SignOutEverywhereForm({ action }: { action: Action }) {
  const t = useTranslations("settings.sessions");
  return <SettingsForm action={action} label={t("formLabel")} submit={t("submit")} danger />;
}
