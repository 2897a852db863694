"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { LOCALE_NAMES, LOCALES } from "@/app/_i18n/locales";
// Type only: erased from the client bundle, so the server module never reaches the browser.
import type { FormServerAction as Action } from "@/app/_lib/guarded-action";

/**
 * The Language select. It posts to a server action, so it works before the script runs (with the
 * Apply button); once hydrated, choosing a language applies it at once.
 */
export function LanguageSelect({ action, className }: { action: Action; className?: string }) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={t("label")} className={className}>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="language-select" className="text-sm font-medium">
          {t("label")}
        </label>
        <select
          id="language-select"
          name="locale"
          // Keyed by the locale: after a change the page renders again and the select follows.
          key={locale}
          defaultValue={locale}
          disabled={pending}
          onChange={(e) => e.currentTarget.form?.requestSubmit()}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t("apply")}
        </button>
      </div>
      {result && (
        <p
          role="status"
          className={`mt-1 text-sm ${result.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {result.message}
        </p>
      )}
    </form>
  );
}
