import { createHash } from "node:crypto";
import en from "emoji-picker-element-data/en/emojibase/data.json";
import zh from "emoji-picker-element-data/zh/emojibase/data.json";
import type { NextRequest } from "next/server";
import { HttpError, route } from "../../../_lib/route";

/**
 * The emoji picker's data (names, keywords, groups), served from our own origin: the page's
 * Content-Security-Policy allows no other, and a CDN would learn who opens a picker. Bundled
 * from the emoji-picker-element-data package, so it updates with `npm update`, never at run time.
 */
const DATA = { en, zh } as const;
type DataLocale = keyof typeof DATA;

type Served = { body: string; etag: string };
const served = new Map<DataLocale, Served>();

function load(locale: DataLocale): Served {
  let entry = served.get(locale);
  if (!entry) {
    const body = JSON.stringify(DATA[locale]);
    // The picker asks with HEAD and compares ETags to know whether its IndexedDB copy is current.
    entry = {
      body,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
    };
    served.set(locale, entry);
  }
  return entry;
}

async function answer(
  request: NextRequest,
  ctx: RouteContext<"/api/emoji-data/[locale]">,
  head: boolean,
): Promise<Response> {
  const { locale } = await ctx.params;
  if (locale !== "en" && locale !== "zh") throw new HttpError(404, "No emoji data for that locale");
  const { body, etag } = load(locale);
  const headers = {
    "content-type": "application/json; charset=utf-8",
    etag,
    // A day, then revalidated by ETag: the data only changes with a deploy.
    "cache-control": "public, max-age=86400",
  };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(head ? null : body, { headers });
}

/** GET /api/emoji-data/en|zh — the picker's emoji data in that language. */
export const GET = route((request: NextRequest, ctx: RouteContext<"/api/emoji-data/[locale]">) =>
  answer(request, ctx, false),
);

/** HEAD /api/emoji-data/en|zh — the ETag alone, for the picker's update check. */
export const HEAD = route((request: NextRequest, ctx: RouteContext<"/api/emoji-data/[locale]">) =>
  answer(request, ctx, true),
);
