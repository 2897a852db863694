"use client";

// Type only: erased from the client bundle, so the server module never reaches the browser.
import type { FormServerAction as Action } from "@/app/_lib/guarded-action";
import { Field } from "../auth/field";
import { SettingsForm } from "./settings-form";

/** The display-name form, filled with the current name. */
export function DisplayNameForm({ action, current }: { action: Action; current: string }) {
  return (
    <SettingsForm action={action} label="Display name" submit="Save display name">
      {(fields) => (
        <Field
          label="Display name"
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
  return (
    <SettingsForm action={action} label="Change password" submit="Change password">
      {(fields) => (
        <>
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={fields.currentPassword}
          />
          <Field
            label="New password"
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
  return (
    <SettingsForm action={action} label="Sign out everywhere" submit="Sign out everywhere" danger />
  );
}
