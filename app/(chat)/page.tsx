import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { isConnectionError } from "@/db";
import { listChannels } from "@/db/queries/channels";
import { requireCurrentUser } from "../_lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("chat.home");
  return { title: t("title") };
}

/** `/`: every open channel with its topic. */
export default async function ChannelsPage() {
  let channels: Awaited<ReturnType<typeof listChannels>> | null;
  try {
    // Banned: the layout says so, and this page lists nothing.
    if (!(await requireCurrentUser("/"))) return null;
    channels = await listChannels();
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    channels = null;
  }
  const t = await getTranslations("chat.home");
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {channels === null ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {t("loadFailed")}
          </p>
        ) : channels.length === 0 ? (
          <p className="text-zinc-500">{t("empty")}</p>
        ) : (
          <ul
            aria-label={t("listLabel")}
            className="mx-auto max-w-2xl divide-y divide-zinc-200 dark:divide-zinc-800"
          >
            {channels.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/c/${c.slug}`}
                  className="block rounded-md px-3 py-3 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-900"
                >
                  <span className="user-text font-medium"># {c.name}</span>
                  {c.topic && (
                    <span className="user-text mt-0.5 block text-sm text-zinc-500 dark:text-zinc-400">
                      {c.topic}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
