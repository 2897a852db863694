"use client";

import { useTranslations } from "next-intl";
import type { StartRefusalCode } from "./types";

type Props = {
  action: (form: FormData) => void;
  pending: boolean;
  refusal: StartRefusalCode | null;
  pageUrl: string;
};

/** Name and email, both optional; a plain form that posts before the page's script has run. */
export function PrechatForm({ action, pending, refusal, pageUrl }: Props) {
  const t = useTranslations("widget");
  const field =
    "mt-1 w-full rounded border border-zinc-400 bg-white px-3 py-2 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";
  return (
    <form action={action} className="flex flex-col gap-3 p-4">
      <h2 className="font-semibold">{t("prechat.heading")}</h2>
      <label className="text-sm">
        {t("prechat.name")}
        <input name="name" maxLength={80} autoComplete="name" className={field} />
      </label>
      <label className="text-sm">
        {t("prechat.email")}
        <input name="email" type="email" maxLength={255} autoComplete="email" className={field} />
      </label>
      <input type="hidden" name="pageUrl" value={pageUrl} />
      {refusal && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t(`refused.${refusal}`)}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded px-4 py-2 font-medium disabled:opacity-60"
        style={{ backgroundColor: "var(--widget-accent)", color: "var(--widget-accent-text)" }}
      >
        {pending ? t("prechat.starting") : t("prechat.start")}
      </button>
    </form>
  );
}
