import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm, inputClass } from "@/components/admin/action-form";
import { listAllChannels } from "@/db/queries/channels";
import { canManageChannels } from "../../_lib/permissions";
import { requireStaff } from "../../_lib/staff";
import { adminCreateChannel, adminSetChannelArchived, adminUpdateChannel } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.channels");
  return { title: t("title") };
}

/** Every channel with its settings; admins create, rename, set topic, read-only, slow mode, archive. */
export default async function AdminChannelsPage() {
  const actor = await requireStaff("/admin/channels");
  const channels = await listAllChannels();
  const manage = canManageChannels(actor);
  const t = await getTranslations("admin.channels");
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("title")}</h1>
      {manage ? (
        <section
          aria-labelledby="new-channel"
          className="mb-6 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        >
          <h2 id="new-channel" className="mb-2 font-medium">
            {t("new")}
          </h2>
          <ActionForm action={adminCreateChannel} submit={t("create")} label={t("create")}>
            <input
              name="slug"
              required
              placeholder={t("slugPlaceholder")}
              aria-label={t("slug")}
              className={inputClass}
            />
            <input
              name="name"
              required
              placeholder={t("name")}
              aria-label={t("name")}
              className={inputClass}
            />
            <input
              name="topic"
              placeholder={t("topic")}
              aria-label={t("topic")}
              className={`${inputClass} min-w-64`}
            />
          </ActionForm>
        </section>
      ) : (
        <p className="mb-4 text-sm text-zinc-500">{t("adminsOnly")}</p>
      )}
      <ul aria-label={t("list")} className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {channels.map((c) => (
          <li key={c.id} aria-label={c.slug} className="space-y-2 py-3">
            <div className="flex flex-wrap items-baseline gap-x-3">
              <span className="font-medium">#{c.slug}</span>
              {c.archivedAt && (
                <span className="text-sm text-amber-700 dark:text-amber-400">{t("archived")}</span>
              )}
              {c.readOnly && <span className="text-sm">{t("readOnly")}</span>}
              {c.slowModeSeconds > 0 && (
                <span className="text-sm">{t("slowMode", { seconds: c.slowModeSeconds })}</span>
              )}
            </div>
            {manage && (
              <>
                <ActionForm
                  action={adminUpdateChannel}
                  submit={t("save")}
                  label={t("settingsForm", { slug: c.slug })}
                >
                  <input type="hidden" name="channelId" value={c.id} />
                  <input
                    name="name"
                    defaultValue={c.name}
                    required
                    aria-label={t("name")}
                    className={inputClass}
                  />
                  <input
                    name="topic"
                    defaultValue={c.topic}
                    aria-label={t("topic")}
                    className={`${inputClass} min-w-64`}
                  />
                  <label className="flex items-center gap-1 text-sm">
                    <input type="checkbox" name="readOnly" defaultChecked={c.readOnly} />{" "}
                    {t("readOnlyLabel")}
                  </label>
                  <label className="flex items-center gap-1 text-sm">
                    {t("slowModeLabel")}
                    <input
                      type="number"
                      name="slowModeSeconds"
                      min={0}
                      max={3600}
                      defaultValue={c.slowModeSeconds}
                      className={`${inputClass} w-20`}
                    />
                  </label>
                </ActionForm>
                <ActionForm
                  action={adminSetChannelArchived}
                  submit={c.archivedAt ? t("restore") : t("archive")}
                  danger={!c.archivedAt}
                  label={t(c.archivedAt ? "restoreForm" : "archiveForm", { slug: c.slug })}
                >
                  <input type="hidden" name="channelId" value={c.id} />
                  <input type="hidden" name="archived" value={c.archivedAt ? "false" : "true"} />
                </ActionForm>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
