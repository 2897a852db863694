import { getTranslations } from "next-intl/server";

/** Shown while the channel's history loads on the server. */
export default async function Loading() {
  const t = await getTranslations("chat.channel");
  return (
    <div role="status" className="flex flex-1 flex-col" aria-busy="true" aria-label={t("loading")}>
      <div className="h-14 border-b border-zinc-200 dark:border-zinc-800" />
      <div className="space-y-4 p-4">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="flex animate-pulse gap-3">
            <div className="size-8 rounded-full bg-zinc-200 dark:bg-zinc-800" />
            <div className="flex-1 space-y-2">
              <div className="h-3 w-32 rounded bg-zinc-200 dark:bg-zinc-800" />
              <div className="h-3 w-3/4 rounded bg-zinc-200 dark:bg-zinc-800" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
