import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

/** A GET form for filters: the page reads them from the URL, so results can be linked and reloaded. */
export async function SearchForm({ children, label }: { children: ReactNode; label: string }) {
  const t = await getTranslations("admin.search");
  return (
    // <search> gives the landmark role natively; the form inside does the GET.
    <search aria-label={label} className="mb-4">
      <form method="get" className="flex flex-wrap items-end gap-3">
        {children}
        <button
          type="submit"
          className="rounded-md bg-zinc-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-zinc-200 dark:text-zinc-900"
        >
          {t("submit")}
        </button>
      </form>
    </search>
  );
}

/** A labelled text field for a search form. */
export function SearchField({
  name,
  label,
  value,
}: {
  name: string;
  label: string;
  value?: string;
}) {
  return (
    <label className="flex flex-col text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <input
        name={name}
        defaultValue={value}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      />
    </label>
  );
}
