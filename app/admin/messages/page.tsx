import { z } from "zod";
import { ActionForm, inputClass } from "@/components/admin/action-form";
import { OlderLink } from "@/components/admin/older-link";
import { SearchField, SearchForm } from "@/components/admin/search-form";
import { searchMessages } from "@/db/queries/messages";
import { requireStaff } from "../../_lib/staff";
import { adminDeleteMessage } from "../actions";

export const metadata = { title: "Messages" };

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
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Messages</h1>
      <SearchForm label="Search messages">
        <SearchField name="q" label="Text contains" value={f.q} />
        <SearchField name="author" label="Author (username)" value={f.author} />
        <SearchField name="channel" label="Channel (slug)" value={f.channel} />
      </SearchForm>
      {page.messages.length === 0 ? (
        <p className="text-zinc-500">No messages match.</p>
      ) : (
        <ul aria-label="Found messages" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {page.messages.map((m) => (
            <li key={m.id} className="py-3">
              <div className="flex flex-wrap gap-x-3 text-xs text-zinc-500">
                <span>#{m.channelSlug}</span>
                <span>
                  {m.author.name} (@{m.authorUsername})
                </span>
                <time dateTime={m.createdAt}>{m.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
                <span>id {m.id}</span>
              </div>
              <p className={`my-1 user-text ${m.deletedAt ? "text-zinc-400 line-through" : ""}`}>
                {m.body}
              </p>
              {m.deletedAt ? (
                <p className="text-sm text-red-700 dark:text-red-400">
                  Deleted {m.deletedAt.replace("T", " ").slice(0, 16)} UTC
                  {m.deletedReason ? `: ${m.deletedReason}` : ""}
                </p>
              ) : (
                <ActionForm
                  action={adminDeleteMessage}
                  submit="Delete"
                  danger
                  label={`Delete message ${m.id}`}
                >
                  <input type="hidden" name="messageId" value={m.id} />
                  <input
                    name="reason"
                    required
                    maxLength={500}
                    placeholder="Reason"
                    aria-label="Reason"
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
