import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { WidgetConversation } from "@/components/widget/types";
import { WidgetApp } from "@/components/widget/widget-app";
import { findOpenConversationOfVisitor } from "@/db/queries/conversations";
import { findSiteByPublicKey } from "@/db/queries/sites";
import { env } from "../../../_lib/env";
import { appOrigin } from "../../../_lib/support/app-origin";
import { checkWidgetPageOrigin } from "../../../_lib/support/origin";
import { currentVisitor } from "../../../_lib/support/visitor-request";
import { widgetConversation } from "../../../_lib/support/widget-payload";
import { resetVisitorAction, saveEmailAction, startConversationAction } from "./actions";

type Props = {
  params: Promise<{ site: string }>;
  searchParams: Promise<{ origin?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { site: key } = await params;
  const site = await findSiteByPublicKey(key.slice(0, 32));
  const t = await getTranslations("widget");
  return { title: t("title", { site: site?.name ?? "" }) };
}

/**
 * `/widget/SITE`: the visitor's chat, in the loader's iframe. A visitor with an open
 * conversation (their cookie) gets it rendered here, then live; anyone else gets the pre-chat
 * form, which works before the page's script has run.
 */
export default async function WidgetPage({ params, searchParams }: Props) {
  const { site: key } = await params;
  const { origin } = await searchParams;
  const site = await findSiteByPublicKey(key.slice(0, 32));
  if (!site || site.archivedAt) notFound();
  // Only inside one of the site's own pages (the loader names it; the Referer must agree): a
  // clear 404 early, while frame-ancestors is the guard the browser enforces.
  const verdict = checkWidgetPageOrigin(site, {
    origin: typeof origin === "string" ? origin : null,
    referer: (await headers()).get("referer"),
    self: await appOrigin(),
  });
  if (!verdict.ok) notFound();
  const visitor = await currentVisitor(site);
  const open = visitor
    ? await findOpenConversationOfVisitor({ siteId: site.id, visitorId: visitor.id })
    : null;
  let initial: WidgetConversation | null = null;
  if (open && visitor) initial = await widgetConversation(open, visitor);
  const referer = (await headers()).get("referer") ?? "";
  return (
    <WidgetApp
      site={{
        key: site.publicKey,
        name: site.name,
        greeting: site.greeting,
        accentColor: site.accentColor,
      }}
      embedder={verdict.origin}
      partyHost={env().ROOM_HOST}
      initial={initial}
      pageUrl={referer.slice(0, 2048)}
      start={startConversationAction.bind(null, site.publicKey)}
      reset={resetVisitorAction.bind(null, site.publicKey)}
      saveEmail={saveEmailAction.bind(null, site.publicKey)}
    />
  );
}
