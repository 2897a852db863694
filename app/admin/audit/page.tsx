import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { OlderLink } from "@/components/admin/older-link";
import { SearchField, SearchForm } from "@/components/admin/search-form";
import { type AuditEntry, listActions } from "@/db/queries/moderation";
import { MODERATION_ACTIONS } from "@/db/schema";
import { systemReason } from "../../_lib/moderation/system-reasons";
import { requireStaff } from "../../_lib/staff";
import { getUtcFormat } from "../utc-time";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.audit");
  return { title: t("title") };
}

const filters = z.object({
  action: z.enum(MODERATION_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(32).optional().catch(undefined),
  target: z.string().trim().max(32).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type Translate = Awaited<ReturnType<typeof getTranslations<"admin">>>;

/** The user, channel and message an entry is about, in one cell. */
function whomOrWhere(e: AuditEntry, t: Translate): string {
  return [
    e.target && `@${e.target.username}`,
    e.channel && `#${e.channel.slug}`,
    e.messageId && t("audit.message", { id: e.messageId }),
  ]
    .filter(Boolean)
    .join(t("separator"));
}

/** A person's reason as they wrote it; a reason the app wrote itself in the reader's language. */
function why(reason: string, t: Translate): string {
  const name = systemReason(reason);
  return name ? t(`audit.systemReasons.${name}`) : reason;
}

/** Every moderation action: who, what, whom, why, when; filterable. */
export default async function AdminAuditPage({ searchParams }: Props) {
  await requireStaff("/admin/audit");
  const f = filters.parse(await searchParams);
  const page = await listActions({
    action: f.action,
    actorUsername: f.actor || undefined,
    targetUsername: f.target || undefined,
    before: f.before,
    limit: 50,
  });
  const t = await getTranslations("admin");
  const utc = await getUtcFormat();
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("audit.title")}</h1>
      <SearchForm label={t("audit.filter")}>
        <label className="flex flex-col text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">{t("audit.action")}</span>
          <select
            name="action"
            defaultValue={f.action ?? ""}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">{t("audit.anyAction")}</option>
            {MODERATION_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <SearchField name="actor" label={t("audit.actor")} value={f.actor} />
        <SearchField name="target" label={t("audit.target")} value={f.target} />
      </SearchForm>
      {page.entries.length === 0 ? (
        <p className="text-zinc-500">{t("audit.empty")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("audit.caption")}</caption>
          <thead className="text-zinc-500">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("audit.columns.when")}</th>
              <th className="py-2 pr-3 font-medium">{t("audit.columns.who")}</th>
              <th className="py-2 pr-3 font-medium">{t("audit.columns.what")}</th>
              <th className="py-2 pr-3 font-medium">{t("audit.columns.whom")}</th>
              <th className="py-2 pr-3 font-medium">{t("audit.columns.why")}</th>
              <th className="py-2 font-medium">{t("audit.columns.details")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {page.entries.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="py-2 pr-3 whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{utc(e.createdAt)}</time>
                </td>
                <td className="py-2 pr-3">
                  {e.actor
                    ? `@${e.actor.username}`
                    : // Round-robin's assignments have no actor: nobody did them by hand.
                      e.action === "assign_conversation"
                      ? t("audit.automatic")
                      : t("audit.commandLine")}
                </td>
                <td className="py-2 pr-3">{t(`audit.actions.${e.action}`)}</td>
                <td className="py-2 pr-3">{whomOrWhere(e, t)}</td>
                <td className="py-2 pr-3 break-words">{why(e.reason, t)}</td>
                <td className="py-2 font-mono text-xs break-all text-zinc-500">{e.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.hasMore && (
        <OlderLink
          path="/admin/audit"
          params={{ action: f.action, actor: f.actor, target: f.target }}
          before={page.entries[page.entries.length - 1]?.id ?? 0}
        />
      )}
    </>
  );
}
