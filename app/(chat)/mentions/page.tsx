import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MessageBody } from "@/components/chat/message-body";
import { MessageTime } from "@/components/chat/message-time";
import { KnownNamesFromServer } from "@/components/mentions/known-names";
import { parseMentions } from "@/components/mentions/parse-mentions";
import { PageHeader } from "@/components/ui/page-header";
import { isConnectionError } from "@/db";
import { findExistingUsernames, listMentionsOf, type MentionEntry } from "@/db/queries/mentions";
import { requireCurrentUser } from "../../_lib/session";

/** Mentions per page; "Older mentions" pages back by message id, so each page costs the same. */
const PAGE = 50;

type Props = { searchParams: Promise<{ before?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mentions");
  return { title: t("title") };
}

function cursor(raw: string | string[] | undefined): number | undefined {
  const id = typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  return id > 0 ? id : undefined;
}

type Loaded =
  | { entries: MentionEntry[]; hasMore: boolean; checked: string[]; known: string[] }
  | "failed"
  | null;

async function load(before: number | undefined): Promise<Loaded> {
  try {
    // Only the signed-in person's own mentions, read for the fresh row's id (banned: nothing).
    const user = await requireCurrentUser("/mentions");
    if (!user) return null;
    const page = await listMentionsOf({ userId: user.id, before, limit: PAGE });
    // Which @names in these texts are people, so only those show as mentions.
    const checked = [...new Set(page.entries.flatMap((e) => parseMentions(e.body).usernames))];
    return { ...page, checked, known: await findExistingUsernames(checked) };
  } catch (error) {
    if (isConnectionError(error)) return "failed";
    throw error;
  }
}

/** `/mentions`: the messages that mention me, newest first, each a link to its place. */
export default async function MentionsPage({ searchParams }: Props) {
  const before = cursor((await searchParams).before);
  const loaded = await load(before);
  if (loaded === null) return null;
  const t = await getTranslations("mentions");
  const last = loaded === "failed" ? undefined : loaded.entries.at(-1);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} back />
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {loaded === "failed" ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {t("unavailable")}
          </p>
        ) : loaded.entries.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">{t("empty")}</p>
        ) : (
          <KnownNamesFromServer checked={loaded.checked} known={loaded.known}>
            <ul
              aria-label={t("listLabel")}
              className="mx-auto max-w-2xl divide-y divide-zinc-200 dark:divide-zinc-800"
            >
              {loaded.entries.map((e) => (
                <li key={e.messageId} className="py-3" data-mention-id={e.messageId}>
                  <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
                    <span className="user-text min-w-0 font-semibold">{e.authorName}</span>
                    <span className="user-text min-w-0 text-zinc-600 dark:text-zinc-400">
                      {t("inChannel", { channel: e.channelName })}
                    </span>
                    <MessageTime iso={e.createdAt} />
                    {e.kind === "here" && (
                      <span className="text-xs text-zinc-600 dark:text-zinc-400">
                        {t("everyone")}
                      </span>
                    )}
                  </div>
                  <MessageBody body={e.body} className="mt-1 text-zinc-800 dark:text-zinc-200" />
                  <Link
                    href={`/c/${encodeURIComponent(e.channelSlug)}?message=${e.messageId}`}
                    className="user-text mt-1 inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
                  >
                    {t("open", { author: e.authorName, channel: e.channelName })}
                  </Link>
                </li>
              ))}
            </ul>
          </KnownNamesFromServer>
        )}
        <div className="mx-auto mt-4 flex max-w-2xl justify-between gap-4 text-sm">
          {before !== undefined ? (
            <Link href="/mentions" className="text-indigo-700 hover:underline dark:text-indigo-300">
              {t("newest")}
            </Link>
          ) : (
            <span />
          )}
          {loaded !== "failed" && loaded.hasMore && last && (
            <Link
              href={`/mentions?before=${last.messageId}`}
              className="text-indigo-700 hover:underline dark:text-indigo-300"
            >
              {t("older")}
            </Link>
          )}
        </div>
      </div>
    </>
  );
}
