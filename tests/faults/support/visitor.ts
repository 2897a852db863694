/**
 * A support widget visitor outside a browser: the HTTP session the chat page in the site's frame
 * has (same-origin requests naming the embedding page, the visitor cookie once there is one) and
 * the page's own room client, reaching the widget's routes instead of the member ones.
 */

import { z } from "zod";
import { visitorCookieName } from "@/app/_lib/support/visitor-session";
import { WIDGET_EMBEDDER_HEADER } from "@/app/_lib/support/widget-headers";
import { widgetApiPath, widgetStatePath } from "@/components/widget/widget-fetch";
import type { ChatMessage } from "@/party/protocol";
import { siteOrigin, widgetPath } from "../../support/factories";
import { callServerAction } from "../../support/server-action";
import { ChatBot } from "./chat-bot";
import type { FaultChannel, FaultUser } from "./db";
import { Session } from "./session";

export type VisitorSite = { publicKey: string; allowedOrigins: string };

/**
 * The framed chat page's session: what a browser adds to its calls (Sec-Fetch-Site, the
 * embedder the loader named) plus `headers` (a proxy's X-Real-IP, say), with the visitor cookie
 * when `cookie` is given; otherwise the start action sets it.
 */
export function visitorSession(
  appUrl: string,
  site: VisitorSite,
  options: { cookie?: string; headers?: Record<string, string> } = {},
): Session {
  return Session.withCookies(
    appUrl,
    options.cookie ? { [visitorCookieName(site.publicKey)]: options.cookie } : {},
    {
      "sec-fetch-site": "same-origin",
      [WIDGET_EMBEDDER_HEADER]: siteOrigin(site),
      ...options.headers,
    },
  );
}

/** The visitor's room client in their conversation, as the widget's chat opens it. */
export function openVisitorBot(
  name: string,
  args: {
    appUrl: string;
    partyHost: string;
    site: VisitorSite;
    visitor: Pick<FaultUser, "id" | "username" | "displayName">;
    channel: FaultChannel;
    session: Session;
    onLive?: (message: ChatMessage) => void;
  },
): ChatBot {
  return ChatBot.withSession(
    name,
    {
      appUrl: args.appUrl,
      partyHost: args.partyHost,
      channel: args.channel,
      user: { ...args.visitor, password: "" },
      mapPath: (path) => widgetApiPath(args.site.publicKey, path),
      onLive: args.onLive,
    },
    args.session,
  );
}

/** The widget's start action, as `next build` names it in its manifest. */
export const START_ACTION = {
  file: "app/(widget)/widget/[site]/actions.ts",
  name: "startConversationAction",
} as const;

const startedSchema = z.object({
  ok: z.literal(true),
  conversation: z.object({ slug: z.string(), visitorId: z.number(), visitorName: z.string() }),
  sessionToken: z.string(),
});
const refusedSchema = z.object({ ok: z.literal(false), reason: z.string() });

export type StartedConversation = { slug: string; visitorId: number; visitorName: string };

/**
 * Starts a conversation as the widget's pre-chat form does once the page has hydrated: the
 * start action (id `actionId`, see serverActionId) posted to the framed chat page, which sets the
 * visitor cookie on `session`; then the page's probe that the cookie was kept.
 */
export async function startAsWidget(
  session: Session,
  site: VisitorSite,
  actionId: string,
  fields: { name: string; email?: string; pageUrl?: string },
): Promise<StartedConversation> {
  const form = new FormData();
  form.set("name", fields.name);
  form.set("email", fields.email ?? "");
  form.set("pageUrl", fields.pageUrl ?? `${siteOrigin(site)}/`);
  const fetcher = session.fetch.bind(session);
  const answer = await callServerAction(
    fetcher,
    widgetPath(site),
    actionId,
    [site.publicKey, null, form],
    { origin: new URL(session.appUrl).origin },
  );
  const refused = refusedSchema.safeParse(answer);
  if (refused.success) throw new Error(`the start action refused: ${refused.data.reason}`);
  const { conversation } = startedSchema.parse(answer);
  const probe = await session.fetch(widgetStatePath(site.publicKey, conversation.slug));
  await probe.body?.cancel();
  if (!probe.ok) throw new Error(`the visitor cookie was not kept (state: ${probe.status})`);
  return conversation;
}
