import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { INBOX_COUNT_CAP, INBOX_VIEWS, type InboxView } from "@/db/queries/conversations";

/**
 * The inbox's four lists as plain links (`?view=`), so switching works before hydration; the
 * current one is marked for assistive technology, and each shows how many it holds.
 */
export function InboxTabs({
  current,
  counts,
}: {
  current: InboxView;
  counts: Record<InboxView, number>;
}) {
  const t = useTranslations("support");
  const format = useFormatter();
  return (
    <nav aria-label={t("views.label")}>
      <ul className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {INBOX_VIEWS.map((view) => {
          const n = counts[view];
          const capped = n >= INBOX_COUNT_CAP;
          const shown = capped ? `${format.number(INBOX_COUNT_CAP - 1)}+` : format.number(n);
          const active = view === current;
          return (
            <li key={view}>
              <Link
                href={`/support?view=${view}`}
                aria-current={active ? "page" : undefined}
                className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                  active
                    ? "border-indigo-600 font-semibold text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                    : "border-transparent text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-zinc-50"
                }`}
              >
                {t(`views.${view}`)}
                <span
                  aria-hidden
                  className="rounded-full bg-zinc-200 px-2 text-xs tabular-nums dark:bg-zinc-800"
                >
                  {shown}
                </span>
                <span className="sr-only">
                  {capped
                    ? t("countCapped", { count: INBOX_COUNT_CAP - 1 })
                    : t("count", { count: n })}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
