import type { ChatMessage } from "@/party/protocol";

/** The site as the visitor's page shows it. */
export type WidgetSite = { key: string; name: string; greeting: string; accentColor: string };

/** Everything the visitor's chat starts from, rendered by the server or sent by the start action. */
export type WidgetConversation = {
  slug: string;
  visitorId: number;
  visitorName: string;
  visitorEmail: string;
  initial: ChatMessage[];
  initialHasOlder: boolean;
  syncedAt: string;
  agentSeenId: number;
  status: "open" | "closed";
  agentsOnline: boolean;
};

export type StartRefusalCode =
  | "site_closed"
  | "banned"
  | "bad_identity"
  | "verification_required"
  | "too_many_from_address"
  | "too_many_from_visitor"
  | "failed";

/** The start action's answer. `sessionToken` is for the session-only fallback (no cookies). */
export type StartState =
  | { ok: true; conversation: WidgetConversation; sessionToken: string }
  | { ok: false; reason: StartRefusalCode }
  | null;

/** What the page polls (GET /api/widget/SITE/state). */
export type WidgetLiveState = {
  agentSeenId: number;
  status: "open" | "closed";
  agentsOnline: boolean;
};
