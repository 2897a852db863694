import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AgentHeartbeat } from "@/components/support/agent-heartbeat";
import { InboxList } from "@/components/support/inbox-list";
import { InboxLive } from "@/components/support/inbox-live";
import { InboxTabs } from "@/components/support/inbox-tabs";
import { PageHeader } from "@/components/ui/page-header";
import {
  countConversationViews,
  INBOX_VIEWS,
  type InboxView,
  listConversations,
} from "@/db/queries/conversations";
import { requireStaff } from "../../_lib/staff";
import { inboxPollMs } from "../../_lib/support/inbox-poll";
import { agentHeartbeatAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title") };
}

const LIST_LIMIT = 100;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list `?view=` names; anything else is the open list. */
function viewOf(value: string | string[] | undefined): InboxView {
  return INBOX_VIEWS.find((v) => v === value) ?? "open";
}

/**
 * `/support`: the agents' inbox. Four lists (open, mine, unassigned, closed) as links, so they
 * work before hydration; each row with its unread count and newest message. The list reloads
 * when the person's room says the inbox changed, and slowly by itself in case it cannot.
 */
export default async function SupportPage({ searchParams }: Props) {
  const user = await requireStaff("/support", "agent");
  const view = viewOf((await searchParams).view);
  const t = await getTranslations("support");
  const [rows, counts] = await Promise.all([
    listConversations({ view, agentId: user.id, limit: LIST_LIMIT }),
    countConversationViews(user.id),
  ]);
  return (
    <>
      <PageHeader title={t("title")} back />
      <AgentHeartbeat beat={agentHeartbeatAction} />
      <InboxLive fallbackMs={inboxPollMs()} />
      <div className="overflow-y-auto p-4">
        <InboxTabs current={view} counts={counts} />
        <h2 className="mt-4 font-semibold">{t(`headings.${view}`)}</h2>
        <InboxList rows={rows} now={new Date()} />
      </div>
    </>
  );
}
