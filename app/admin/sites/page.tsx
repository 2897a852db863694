import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm, inputClass } from "@/components/admin/action-form";
import { SecretForm } from "@/components/admin/secret-form";
import { listSites } from "@/db/queries/sites";
import type { Site } from "@/db/schema";
import { requireStaff } from "../../_lib/staff";
import { appOrigin, hostPagePolicy, widgetSnippet } from "../../_lib/support/app-origin";
import { getUtcFormat } from "../utc-time";
import {
  adminCreateSite,
  adminRotateSiteSecret,
  adminSetSiteArchived,
  adminUpdateSite,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sites");
  return { title: t("title") };
}

const fieldClass = "flex flex-col gap-1 text-sm";

/** The fields a site is created and edited with, filled with `site`'s values when editing. */
async function SiteFields({ site }: { site?: Site }) {
  const t = await getTranslations("sites");
  return (
    <>
      <label className={fieldClass}>
        {t("name")}
        <input
          name="name"
          required
          maxLength={80}
          defaultValue={site?.name}
          className={inputClass}
        />
      </label>
      <label className={fieldClass}>
        {t("origins")}
        <textarea
          name="allowedOrigins"
          required
          rows={2}
          defaultValue={site?.allowedOrigins}
          placeholder="https://shop.example"
          className={`${inputClass} min-w-72 font-mono`}
        />
      </label>
      <label className={fieldClass}>
        {t("greeting")}
        <input
          name="greeting"
          maxLength={500}
          defaultValue={site?.greeting}
          className={`${inputClass} min-w-64`}
        />
      </label>
      <label className={fieldClass}>
        {t("accent")}
        <input
          type="color"
          name="accentColor"
          defaultValue={site?.accentColor ?? "#2563eb"}
          className="h-8 w-14"
        />
      </label>
      <label className="flex items-center gap-1 self-center text-sm">
        <input type="checkbox" name="requireVerified" defaultChecked={site?.requireVerified} />
        {t("requireVerified")}
      </label>
    </>
  );
}

/** Websites that embed the support widget: admins create, edit, archive and rotate secrets. */
export default async function AdminSitesPage() {
  await requireStaff("/admin/sites", "admin");
  const [sites, origin, t, utcTime] = await Promise.all([
    listSites(),
    appOrigin(),
    getTranslations("sites"),
    getUtcFormat(),
  ]);
  const secretWords = { secretLabel: t("secret.label"), secretNote: t("secret.once") };
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">{t("title")}</h1>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      <section
        aria-labelledby="new-site"
        className="mb-6 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      >
        <h2 id="new-site" className="mb-2 font-medium">
          {t("new")}
        </h2>
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">{t("originsHelp")}</p>
        <SecretForm action={adminCreateSite} submit={t("create")} label={t("new")} {...secretWords}>
          <SiteFields />
        </SecretForm>
      </section>
      {sites.length === 0 ? (
        <p className="text-sm">{t("empty")}</p>
      ) : (
        <ul aria-label={t("list")} className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {sites.map((site) => (
            <li key={site.id} aria-label={site.name} className="space-y-3 py-4">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h2 className="font-medium">{site.name}</h2>
                {site.archivedAt && (
                  <span className="text-sm text-amber-800 dark:text-amber-400">
                    {t("archived")}
                  </span>
                )}
                {site.requireVerified && <span className="text-sm">{t("verifiedOnly")}</span>}
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  {t("publicKey")}: <code className="font-mono">{site.publicKey}</code>
                </span>
              </div>
              <section aria-label={t("snippet", { name: site.name })} className="space-y-1 text-sm">
                <p>{t("snippetHelp")}</p>
                <pre className="overflow-x-auto rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
                  <code>{widgetSnippet(origin, site.publicKey)}</code>
                </pre>
                <p>{t("csp")}</p>
                <pre className="overflow-x-auto rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
                  <code>{hostPagePolicy(origin).join("\n")}</code>
                </pre>
              </section>
              <ActionForm
                action={adminUpdateSite}
                submit={t("save")}
                label={t("settingsForm", { name: site.name })}
              >
                <input type="hidden" name="siteId" value={site.id} />
                <SiteFields site={site} />
              </ActionForm>
              <div className="flex flex-wrap items-start gap-4">
                <SecretForm
                  action={adminRotateSiteSecret}
                  submit={t("rotate")}
                  label={t("rotateForm", { name: site.name })}
                  {...secretWords}
                >
                  <input type="hidden" name="siteId" value={site.id} />
                  <span className="text-sm text-zinc-600 dark:text-zinc-400">
                    {t("rotatedAt", { at: utcTime(site.secretRotatedAt, "minute") })}
                  </span>
                </SecretForm>
                <ActionForm
                  action={adminSetSiteArchived}
                  submit={site.archivedAt ? t("restore") : t("archive")}
                  danger={!site.archivedAt}
                  label={t(site.archivedAt ? "restoreForm" : "archiveForm", { name: site.name })}
                >
                  <input type="hidden" name="siteId" value={site.id} />
                  <input type="hidden" name="archived" value={site.archivedAt ? "false" : "true"} />
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
