"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import type { StartState } from "@/components/widget/types";
import { isConnectionError } from "@/db";
import { findConversationBySlug, updateVisitorDetails } from "@/db/queries/conversations";
import { findSiteByPublicKey } from "@/db/queries/sites";
import { startOrResume } from "../../../_lib/support/conversations";
import { notifyInboxLater } from "../../../_lib/support/inbox-notify";
import {
  currentVisitor,
  rememberVisitor,
  requestAddress,
} from "../../../_lib/support/visitor-request";
import { visitorCookieName, visitorCookieOptions } from "../../../_lib/support/visitor-session";
import { widgetConversation } from "../../../_lib/support/widget-payload";

/*
 * The visitor's actions. Next.js refuses a server action whose Origin is not this host, so a
 * page elsewhere cannot post them with the visitor's SameSite=None cookie.
 */

const startSchema = z.object({
  name: z.string().max(80).default(""),
  email: z.union([z.literal(""), z.email().max(255)]).default(""),
  pageUrl: z.string().max(2048).default(""),
  identityToken: z.string().max(4096).default(""),
});

/** Starts or resumes the visitor's conversation (the pre-chat form, or a verified identity). */
export async function startConversationAction(
  siteKey: string,
  _previous: StartState,
  form: FormData,
): Promise<StartState> {
  try {
    const site = await findSiteByPublicKey(siteKey.slice(0, 32));
    if (!site || site.archivedAt) return { ok: false, reason: "site_closed" };
    const parsed = startSchema.safeParse({
      name: form.get("name") ?? undefined,
      email: form.get("email") ?? undefined,
      pageUrl: form.get("pageUrl") ?? undefined,
      identityToken: form.get("identityToken") ?? undefined,
    });
    // A malformed email is dropped rather than refused: the field is optional.
    const input = parsed.success
      ? parsed.data
      : {
          name: String(form.get("name") ?? "").slice(0, 80),
          email: "",
          pageUrl: "",
          identityToken: "",
        };
    const result = await startOrResume({
      site,
      visitor: await currentVisitor(site, String(form.get("visitorSession") ?? "") || null),
      name: input.name,
      email: input.email,
      pageUrl: input.pageUrl,
      address: await requestAddress(),
      identityToken: input.identityToken || null,
    });
    if (!result.ok) return { ok: false, reason: result.reason };
    // A new conversation, or a resumed one whose visitor may have given a name or email now: the
    // agents' open inboxes reload (after this answer has gone).
    notifyInboxLater();
    const sessionToken = await rememberVisitor(site, result.visitor);
    return {
      ok: true,
      conversation: await widgetConversation(result.conversation, result.visitor),
      sessionToken,
    };
  } catch (error) {
    if (isConnectionError(error)) return { ok: false, reason: "failed" };
    throw error;
  }
}

/** Forgets the visitor in this browser (the host page's Chat.reset() on logout). */
export async function resetVisitorAction(siteKey: string): Promise<void> {
  // Deleted with the attributes it was set with: a Partitioned cookie is only replaced by one.
  (await cookies()).set(visitorCookieName(siteKey.slice(0, 32)), "", {
    ...visitorCookieOptions(),
    maxAge: 0,
  });
}

export type EmailState = { ok: boolean; email: string } | null;

/** The visitor leaves an email for the reply when no agent is online. */
export async function saveEmailAction(
  siteKey: string,
  _previous: EmailState,
  form: FormData,
): Promise<EmailState> {
  const slug = String(form.get("slug") ?? "");
  const email = z
    .email()
    .max(255)
    .safeParse(String(form.get("email") ?? "").trim());
  if (!email.success) return { ok: false, email: "" };
  const site = await findSiteByPublicKey(siteKey.slice(0, 32));
  if (!site) return { ok: false, email: "" };
  const visitor = await currentVisitor(site);
  const conversation = await findConversationBySlug(slug.slice(0, 64));
  if (!visitor || !conversation || conversation.visitorId !== visitor.id) {
    return { ok: false, email: "" };
  }
  await updateVisitorDetails({ channelId: conversation.channelId, visitorEmail: email.data });
  notifyInboxLater();
  return { ok: true, email: email.data };
}
