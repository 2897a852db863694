import { z } from "zod";
import { ActionForm, inputClass } from "@/components/admin/action-form";
import { DurationSelect } from "@/components/admin/duration-select";
import { SearchField, SearchForm } from "@/components/admin/search-form";
import { searchUsers } from "@/db/queries/users";
import { ROLES, type User } from "@/db/schema";
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

export const metadata = { title: "Users" };

const filters = z.object({ q: z.string().trim().max(64).optional().catch(undefined) });
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Ban or mute one user: length and reason. */
function RestrictForm(props: {
  action: typeof adminBanUser;
  verb: "Ban" | "Mute";
  username: string;
  userId: number;
  danger?: boolean;
}) {
  return (
    <ActionForm
      action={props.action}
      submit={props.verb}
      danger={props.danger}
      label={`${props.verb} ${props.username}`}
    >
      <input type="hidden" name="userId" value={props.userId} />
      <DurationSelect label={`${props.verb} length`} />
      <input
        name="reason"
        required
        maxLength={500}
        placeholder="Reason"
        aria-label={`${props.verb} reason`}
        className={inputClass}
      />
    </ActionForm>
  );
}

async function Status({ user }: { user: User }) {
  const say = await getSay();
  const parts: string[] = [];
  if (isBanned(user) && user.bannedUntil) {
    parts.push(`banned ${say(describeUntil(user.bannedUntil))}`);
  }
  if (isMuted(user) && user.mutedUntil) parts.push(`muted ${say(describeUntil(user.mutedUntil))}`);
  if (parts.length === 0) return <span className="text-zinc-500">active</span>;
  return <span className="text-red-700 dark:text-red-400">{parts.join(", ")}</span>;
}

/** Find users; ban, mute, lift either, change roles. */
export default async function AdminUsersPage({ searchParams }: Props) {
  const actor = await requireStaff("/admin/users");
  const f = filters.parse(await searchParams);
  const users = await searchUsers({ q: f.q || undefined, limit: 100 });
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Users</h1>
      <SearchForm label="Search users">
        <SearchField name="q" label="Username or display name" value={f.q} />
      </SearchForm>
      {users.length === 0 ? (
        <p className="text-zinc-500">No users match.</p>
      ) : (
        <ul aria-label="Users" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {users.map((u) => (
            <li key={u.id} aria-label={u.username} className="space-y-2 py-3">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-medium">{u.displayName}</span>
                <span className="text-sm text-zinc-500">@{u.username}</span>
                <span className="text-sm">{u.role}</span>
                <span className="text-sm">
                  <Status user={u} />
                </span>
              </div>
              {canRestrict(actor, u) && (
                <div className="flex flex-wrap gap-4">
                  <RestrictForm
                    action={adminBanUser}
                    verb="Ban"
                    username={u.username}
                    userId={u.id}
                    danger
                  />
                  <RestrictForm
                    action={adminMuteUser}
                    verb="Mute"
                    username={u.username}
                    userId={u.id}
                  />
                  {isBanned(u) && (
                    <ActionForm
                      action={adminUnbanUser}
                      submit="Unban"
                      label={`Unban ${u.username}`}
                    >
                      <input type="hidden" name="userId" value={u.id} />
                    </ActionForm>
                  )}
                  {isMuted(u) && (
                    <ActionForm
                      action={adminUnmuteUser}
                      submit="Unmute"
                      label={`Unmute ${u.username}`}
                    >
                      <input type="hidden" name="userId" value={u.id} />
                    </ActionForm>
                  )}
                </div>
              )}
              {canSetRole(actor, u, u.role) && (
                <ActionForm action={adminSetRole} submit="Set role" label={`Role of ${u.username}`}>
                  <input type="hidden" name="userId" value={u.id} />
                  <select
                    name="role"
                    defaultValue={u.role}
                    aria-label="Role"
                    className={inputClass}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
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
