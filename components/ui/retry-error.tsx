"use client";

import { useTranslations } from "next-intl";

/**
 * What an `error.tsx` shows when its page failed to render (most often the database was briefly
 * unreachable). The error's text is not shown: in production it is a generic digest, and the
 * log has the detail. `title` comes in the reader's words from the page that failed.
 */
export function RetryError({ title, retry }: { title: string; retry: () => void }) {
  const t = useTranslations("chat.errors");
  return (
    <div role="alert" className="p-6">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">{t("retryText")}</p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-3 rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-500"
      >
        {t("retry")}
      </button>
    </div>
  );
}
