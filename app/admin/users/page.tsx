import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionForm, inputClass } from "@/components/admin/action-form";
import { DurationSelect } from "@/components/admin/duration-select";
import { SearchField, SearchForm } from "@/components/admin/search-form";
import { searchUsers } from "@/db/queries/users";
import { ROLES, type User } from "@/db/schema";
import { msg } from "../../_i18n/message";
import { getSay } from "../../_i18n/server";
import { describeUntil } from "../../_lib/moderation/durations";
import { canRestrict, canSetRole } from "../../_lib/permissions";
import { isBanned, isMuted } from "../../_lib/restrictions";
import { requireStaff } from "../../_lib/staff";
import {
  adminBanUser,
  adminMuteUser,
  adminSetRole,
  adminUnbanUser,
  adminUnmuteUser,
} from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

const filters = z.object({ q: z.string().trim().max(64).optional().catch(undefined) });
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Ban or mute one user: length and reason. */
async function RestrictForm(props: {
  action: typeof adminBanUser;
  verb: "ban" | "mute";
  username: string;
  userId: number;
  danger?: boolean;
}) {
  const t = await getTranslations("admin");
  const verb = props.verb;
  return (
    <ActionForm
      action={props.action}
      submit={t(`users.${verb}.submit`)}
      danger={props.danger}
      label={t(`users.${verb}.form`, { user: props.username })}
    >
      <input type="hidden" name="userId" value={props.userId} />
      <DurationSelect label={t(`users.${verb}.length`)} />
      <input
        name="reason"
        required
        maxLength={500}
        placeholder={t("reason")}
        aria-label={t(`users.${verb}.reason`)}
        className={inputClass}
      />
    </ActionForm>
  );
}

async function Status({ user }: { user: User }) {
  const say = await getSay();
  const parts: string[] = [];
  if (isBanned(user) && user.bannedUntil) {
    parts.push(say(msg("admin.users.status.banned", { until: describeUntil(user.bannedUntil) })));
  }
  if (isMuted(user) && user.mutedUntil) {
    parts.push(say(msg("admin.users.status.muted", { until: describeUntil(user.mutedUntil) })));
  }
  if (parts.length === 0) {
    return <span className="text-zinc-500">{say(msg("admin.users.status.active"))}</span>;
  }
  return (
    <span className="text-red-700 dark:text-red-400">
      {parts.join(say(msg("admin.separator")))}
    </span>
  );
}

/** Find users; ban, mute, lift either, change roles. */
export default async function AdminUsersPage({ searchParams }: Props) {
  const actor = await requireStaff("/admin/users");
  const f = filters.parse(await searchParams);
  const users = await searchUsers({ q: f.q || undefined, limit: 100 });
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("users.title")}</h1>
      <SearchForm label={t("users.search")}>
        <SearchField name="q" label={t("users.query")} value={f.q} />
      </SearchForm>
      {users.length === 0 ? (
        <p className="text-zinc-500">{t("users.empty")}</p>
      ) : (
        <ul aria-label={t("users.list")} className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {users.map((u) => (
            <li key={u.id} aria-label={u.username} className="space-y-2 py-3">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-medium">{u.displayName}</span>
                <span className="text-sm text-zinc-500">@{u.username}</span>
                <span className="text-sm">{t(`roles.${u.role}`)}</span>
                <span className="text-sm">
                  <Status user={u} />
                </span>
              </div>
              {canRestrict(actor, u) && (
                <div className="flex flex-wrap gap-4">
                  <RestrictForm
                    action={adminBanUser}
                    verb="ban"
                    username={u.username}
                    userId={u.id}
                    danger
                  />
                  <RestrictForm
                    action={adminMuteUser}
                    verb="mute"
                    username={u.username}
                    userId={u.id}
                  />
                  {isBanned(u) && (
                    <ActionForm
                      action={adminUnbanUser}
                      submit={t("users.unban.submit")}
                      label={t("users.unban.form", { user: u.username })}
                    >
                      <input type="hidden" name="userId" value={u.id} />
                    </ActionForm>
                  )}
                  {isMuted(u) && (
                    <ActionForm
                      action={adminUnmuteUser}
                      submit={t("users.unmute.submit")}
                      label={t("users.unmute.form", { user: u.username })}
                    >
                      <input type="hidden" name="userId" value={u.id} />
                    </ActionForm>
                  )}
                </div>
              )}
              {canSetRole(actor, u, u.role) && (
                <ActionForm
                  action={adminSetRole}
                  submit={t("users.role.submit")}
                  label={t("users.role.form", { user: u.username })}
                >
                  <input type="hidden" name="userId" value={u.id} />
                  <select
                    name="role"
                    defaultValue={u.role}
                    aria-label={t("users.role.label")}
                    className={inputClass}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
