import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AgentHeartbeat } from "@/components/support/agent-heartbeat";
import { PageHeader } from "@/components/ui/page-header";
import { type ConversationRecord, listConversations } from "@/db/queries/conversations";
import { requireStaff } from "../../_lib/staff";
import { agentHeartbeatAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title") };
}

const LIST_LIMIT = 100;

/** `/support`: the open conversations for agents and staff, newest activity first, kept fresh. */
export default async function SupportPage() {
  await requireStaff("/support", "agent");
  const t = await getTranslations("support");
  const [open, closed] = await Promise.all([
    listConversations({ status: "open", limit: LIST_LIMIT }),
    listConversations({ status: "closed", limit: 20 }),
  ]);
  const row = (c: ConversationRecord) => (
    <li key={c.slug} className="border-b border-zinc-200 py-2 dark:border-zinc-800">
      <Link
        href={`/support/${c.slug}`}
        className="user-text font-medium text-indigo-700 underline dark:text-indigo-300"
      >
        {c.visitorName || c.visitorDisplayName || t("anonymous")}
      </Link>
      <span className="user-text ml-2 text-sm text-zinc-700 dark:text-zinc-300">{c.siteName}</span>
      <span className="ml-2 text-sm text-zinc-700 dark:text-zinc-300">
        {c.assigneeName ? t("assignedTo", { name: c.assigneeName }) : t("unassigned")}
      </span>
    </li>
  );
  return (
    <>
      <PageHeader title={t("title")} back />
      <AgentHeartbeat beat={agentHeartbeatAction} refreshEveryMs={3000} />
      <div className="overflow-y-auto p-4">
        <h2 className="font-semibold">{t("open")}</h2>
        {open.length === 0 ? <p>{t("empty")}</p> : <ul>{open.map(row)}</ul>}
        <h2 className="mt-6 font-semibold">{t("closed")}</h2>
        {closed.length === 0 ? <p>{t("empty")}</p> : <ul>{closed.map(row)}</ul>}
      </div>
    </>
  );
}
