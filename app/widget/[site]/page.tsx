import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { findSiteByPublicKey } from "@/db/queries/sites";
import { appOrigin } from "../../_lib/support/app-origin";
import { checkWidgetPageOrigin } from "../../_lib/support/origin";

type Props = {
  params: Promise<{ site: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The active site this page is for, embedded by one of its origins; anything else is a 404. */
async function embeddedSite({ params, searchParams }: Props) {
  const [{ site: key }, query, requestHeaders, self] = await Promise.all([
    params,
    searchParams,
    headers(),
    appOrigin(),
  ]);
  const site = await findSiteByPublicKey(key);
  const origin = typeof query.origin === "string" ? query.origin : null;
  const verdict = checkWidgetPageOrigin(site, {
    origin,
    referer: requestHeaders.get("referer"),
    self,
  });
  if (!site || !verdict.ok) notFound();
  return { site, origin: verdict.origin };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { site } = await embeddedSite(props);
  return { title: { absolute: site.name } };
}

/**
 * The visitor's chat, inside the iframe the loader (/widget.js) opens on a site's pages. proxy.ts
 * lets only the site's allowed origins frame it (frame-ancestors). A placeholder for now: the
 * site's name and greeting; the conversation UI replaces this body.
 */
export default async function WidgetPage(props: Props) {
  const { site } = await embeddedSite(props);
  return (
    <main className="flex min-h-dvh flex-col gap-2 p-4">
      <h1 className="text-lg font-semibold">{site.name}</h1>
      {site.greeting && <p className="user-text">{site.greeting}</p>}
    </main>
  );
}
