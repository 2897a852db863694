import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionForm, inputClass } from "@/components/admin/action-form";
import { OlderLink } from "@/components/admin/older-link";
import { SearchField, SearchForm } from "@/components/admin/search-form";
import { searchMessages } from "@/db/queries/messages";
import { requireStaff } from "../../_lib/staff";
import { adminDeleteMessage } from "../actions";
import { getUtcFormat } from "../utc-time";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.messages");
  return { title: t("title") };
}

const filters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  author: z.string().trim().max(32).optional().catch(undefined),
  channel: z.string().trim().max(64).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Find messages by text, author and channel; delete with a reason. */
export default async function AdminMessagesPage({ searchParams }: Props) {
  await requireStaff("/admin/messages");
  const f = filters.parse(await searchParams);
  const page = await searchMessages({
    text: f.q || undefined,
    authorUsername: f.author || undefined,
    channelSlug: f.channel || undefined,
    before: f.before,
    limit: 50,
  });
  const t = await getTranslations("admin");
  const utc = await getUtcFormat();
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("messages.title")}</h1>
      <SearchForm label={t("messages.search")}>
        <SearchField name="q" label={t("messages.text")} value={f.q} />
        <SearchField name="author" label={t("messages.author")} value={f.author} />
        <SearchField name="channel" label={t("messages.channel")} value={f.channel} />
      </SearchForm>
      {page.messages.length === 0 ? (
        <p className="text-zinc-500">{t("messages.empty")}</p>
      ) : (
        <ul
          aria-label={t("messages.list")}
          className="divide-y divide-zinc-200 dark:divide-zinc-800"
        >
          {page.messages.map((m) => (
            <li key={m.id} className="py-3">
              <div className="flex flex-wrap gap-x-3 text-xs text-zinc-500">
                <span>#{m.channelSlug}</span>
                <span>
                  {t("messages.byline", { name: m.author.name, username: m.authorUsername })}
                </span>
                <time dateTime={m.createdAt}>
                  {t("messages.postedAt", { at: utc(new Date(m.createdAt)) })}
                </time>
                <span>{t("messages.id", { id: m.id })}</span>
              </div>
              <p className={`my-1 user-text ${m.deletedAt ? "text-zinc-500 line-through" : ""}`}>
                {m.body}
              </p>
              {m.deletedAt ? (
                <p className="text-sm text-red-700 dark:text-red-400">
                  {m.deletedReason
                    ? t("messages.deletedWithReason", {
                        at: utc(new Date(m.deletedAt), "minute"),
                        reason: m.deletedReason,
                      })
                    : t("messages.deleted", { at: utc(new Date(m.deletedAt), "minute") })}
                </p>
              ) : (
                <ActionForm
                  action={adminDeleteMessage}
                  submit={t("messages.delete")}
                  danger
                  label={t("messages.deleteForm", { id: m.id })}
                >
                  <input type="hidden" name="messageId" value={m.id} />
                  <input
                    name="reason"
                    required
                    maxLength={500}
                    placeholder={t("reason")}
                    aria-label={t("reason")}
                    className={inputClass}
                  />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {page.hasMore && (
        <OlderLink
          path="/admin/messages"
          params={{ q: f.q, author: f.author, channel: f.channel }}
          before={page.messages[page.messages.length - 1]?.id ?? 0}
        />
      )}
    </>
  );
}
