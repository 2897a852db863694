import { z } from "zod";
import { OlderLink } from "@/components/admin/older-link";
import { SearchField, SearchForm } from "@/components/admin/search-form";
import { listActions } from "@/db/queries/moderation";
import { MODERATION_ACTIONS } from "@/db/schema";
import { requireStaff } from "../../_lib/staff";

export const metadata = { title: "Audit log" };

const filters = z.object({
  action: z.enum(MODERATION_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(32).optional().catch(undefined),
  target: z.string().trim().max(32).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

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
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Audit log</h1>
      <SearchForm label="Filter the audit log">
        <label className="flex flex-col text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">Action</span>
          <select
            name="action"
            defaultValue={f.action ?? ""}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">any</option>
            {MODERATION_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <SearchField name="actor" label="By (username)" value={f.actor} />
        <SearchField name="target" label="Whom (username)" value={f.target} />
      </SearchForm>
      {page.entries.length === 0 ? (
        <p className="text-zinc-500">Nothing recorded matches.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Moderation actions, newest first</caption>
          <thead className="text-zinc-500">
            <tr>
              <th className="py-2 pr-3 font-medium">When (UTC)</th>
              <th className="py-2 pr-3 font-medium">Who</th>
              <th className="py-2 pr-3 font-medium">What</th>
              <th className="py-2 pr-3 font-medium">Whom / where</th>
              <th className="py-2 pr-3 font-medium">Why</th>
              <th className="py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {page.entries.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="py-2 pr-3 whitespace-nowrap">
                  {e.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                </td>
                <td className="py-2 pr-3">{e.actor ? `@${e.actor.username}` : "command line"}</td>
                <td className="py-2 pr-3">{e.action}</td>
                <td className="py-2 pr-3">
                  {[
                    e.target && `@${e.target.username}`,
                    e.channel && `#${e.channel.slug}`,
                    e.messageId && `message ${e.messageId}`,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </td>
                <td className="py-2 pr-3 break-words">{e.reason}</td>
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
