"use client";

import { type ReactNode, useActionState } from "react";

// Type only: erased from the client bundle, so the server module never reaches the browser.
import type { FormServerAction as Action } from "@/app/_lib/guarded-action";

/**
 * A settings form bound to a server action through `action`, so it also works as a plain POST
 * before the page's script has run. The answer is shown as text under the button.
 */
export function SettingsForm({
  action,
  label,
  submit,
  danger,
  children,
}: {
  action: Action;
  /** Accessible name of the form, e.g. "Change password". */
  label: string;
  submit: string;
  danger?: boolean;
  children?: (fields: Record<string, string>) => ReactNode;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  return (
    <form action={formAction} aria-label={label} className="space-y-3">
      {children?.(fields)}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-lg px-4 py-2 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-600" : "bg-indigo-600 hover:bg-indigo-500"}`}
      >
        {submit}
      </button>
      {result && (
        <p
          role="status"
          className={`text-sm ${result.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {result.message}
        </p>
      )}
    </form>
  );
}
