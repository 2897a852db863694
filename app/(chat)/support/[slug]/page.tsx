import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { AgentHeartbeat } from "@/components/support/agent-heartbeat";
import { SupportConversationView } from "@/components/support/conversation-view";
import { PageHeader } from "@/components/ui/page-header";
import { findConversationBySlug, listSupportAgents } from "@/db/queries/conversations";
import { listMessages } from "@/db/queries/messages";
import { env } from "../../../_lib/env";
import { requireStaff } from "../../../_lib/staff";
import { syncPoint } from "../../../_lib/sync-point";
import { deleteMessageAction, editMessageAction, toggleReactionAction } from "../../actions";
import {
  agentHeartbeatAction,
  assignConversationAction,
  assignToMeAction,
  banVisitorAction,
  closeConversationAction,
  markAgentSeenAction,
  reopenConversationAction,
} from "../actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title") };
}

/** `/support/SLUG`: one conversation for an agent: the live transcript, details and actions. */
export default async function SupportConversationPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireStaff(`/support/${slug}`, "agent");
  const conversation = await findConversationBySlug(slug.slice(0, 64));
  if (!conversation) notFound();
  const t = await getTranslations("support");
  const syncedAt = syncPoint();
  const [page, agents] = await Promise.all([
    listMessages({ channelId: conversation.channelId, readerId: user.id, limit: 50 }),
    listSupportAgents(),
  ]);
  const name = conversation.visitorName || conversation.visitorDisplayName || t("anonymous");
  const closed = conversation.status === "closed";
  return (
    <>
      <PageHeader title={name} subtitle={conversation.siteName} back />
      <AgentHeartbeat beat={agentHeartbeatAction} />
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <SupportConversationView
          slug={conversation.slug}
          partyHost={env().ROOM_HOST}
          // Everyone here answers support, and may remove abuse from a conversation.
          me={{ id: user.id, name: user.displayName, moderator: true }}
          actions={{
            deleteMessage: deleteMessageAction,
            editMessage: editMessageAction,
            toggleReaction: toggleReactionAction,
          }}
          markSeen={markAgentSeenAction}
          initial={page.messages}
          initialHasOlder={page.hasMore}
          syncedAt={syncedAt}
          cannotPost={closed ? t("details.statusClosed") : null}
        />
        <aside
          aria-label={t("details.heading")}
          className="shrink-0 space-y-3 overflow-y-auto border-t border-zinc-200 p-4 text-sm lg:w-72 lg:border-t-0 lg:border-l dark:border-zinc-800"
        >
          <Link href="/support" className="text-indigo-700 underline dark:text-indigo-300">
            {t("back")}
          </Link>
          <h2 className="font-semibold">{t("details.heading")}</h2>
          <dl className="space-y-1">
            <dt className="font-medium">{t("details.site")}</dt>
            <dd className="user-text">{conversation.siteName}</dd>
            <dt className="font-medium">{t("details.page")}</dt>
            <dd className="user-text break-all">{conversation.pageUrl || "—"}</dd>
            <dt className="font-medium">{t("details.email")}</dt>
            <dd className="user-text break-all">{conversation.visitorEmail || "—"}</dd>
            <dt className="font-medium">{t("details.identity")}</dt>
            <dd>{conversation.verified ? t("details.verified") : t("details.unverified")}</dd>
            <dt className="font-medium">{t("details.status")}</dt>
            <dd>
              {closed ? t("details.statusClosed") : t("details.statusOpen")}
              {" · "}
              {conversation.assigneeName
                ? t("assignedTo", { name: conversation.assigneeName })
                : t("unassigned")}
            </dd>
          </dl>
          <ActionForm
            action={assignToMeAction}
            submit={t("actions.assignToMe")}
            label={t("actions.assignToMe")}
          >
            <input type="hidden" name="slug" value={conversation.slug} />
          </ActionForm>
          <ActionForm
            action={assignConversationAction}
            submit={t("actions.assignSubmit")}
            label={t("actions.assignForm")}
          >
            <input type="hidden" name="slug" value={conversation.slug} />
            <label className="flex w-full flex-col">
              {t("actions.assignLabel")}
              <select
                name="assigneeId"
                // Keyed by the assignee so a change made elsewhere shows after the page refreshes.
                key={conversation.assigneeId ?? "none"}
                defaultValue={conversation.assigneeId ?? ""}
                className="rounded border border-zinc-400 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
              >
                <option value="">{t("unassigned")}</option>
                {agents.map((a) => (
                  <option key={a.id} value={a.id} className="user-text">
                    {a.displayName} (@{a.username})
                  </option>
                ))}
              </select>
            </label>
          </ActionForm>
          {closed ? (
            <ActionForm
              action={reopenConversationAction}
              submit={t("actions.reopen")}
              label={t("actions.reopen")}
            >
              <input type="hidden" name="slug" value={conversation.slug} />
            </ActionForm>
          ) : (
            <ActionForm
              action={closeConversationAction}
              submit={t("actions.close")}
              label={t("actions.close")}
            >
              <input type="hidden" name="slug" value={conversation.slug} />
            </ActionForm>
          )}
          <ActionForm
            action={banVisitorAction}
            submit={t("actions.ban")}
            label={t("actions.ban")}
            danger
          >
            <input type="hidden" name="slug" value={conversation.slug} />
            <label className="flex w-full flex-col">
              {t("actions.banReason")}
              <input
                name="reason"
                maxLength={500}
                className="rounded border border-zinc-400 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
              />
            </label>
          </ActionForm>
        </aside>
      </div>
    </>
  );
}
