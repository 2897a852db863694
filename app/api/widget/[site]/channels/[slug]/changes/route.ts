import type { NextRequest } from "next/server";
import { z } from "zod";
import { listChangesSince, rangeHoldsMoreThan } from "@/db/queries/messages";
import { type Changes, MAX_CHANGES_RANGE } from "@/party/protocol";
import { jsonOk } from "../../../../../../_lib/http";
import { HttpError, parseOrThrow, route } from "../../../../../../_lib/route";
import { widgetHistoryReader } from "../../../../../../_lib/support/widget-access";
import { syncPoint } from "../../../../../../_lib/sync-point";

const id = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const querySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    from: id,
    upTo: id,
  })
  .refine((q) => q.from <= q.upTo, { message: "from must not be after upTo" });

/** GET /api/widget/SITE/channels/SLUG/changes — the member route's catch-up, for the visitor. */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/widget/[site]/channels/[slug]/changes">) => {
    const { site, slug } = await ctx.params;
    const { visitor, room } = await widgetHistoryReader(site, slug);
    const query = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "Invalid query",
    );
    const asOf = syncPoint();
    const tooWide = await rangeHoldsMoreThan({
      channelId: room.id,
      from: query.from,
      upTo: query.upTo,
      rows: MAX_CHANGES_RANGE,
    });
    if (tooWide)
      throw new HttpError(400, `from..upTo spans more than ${MAX_CHANGES_RANGE} messages`);
    const changes = await listChangesSince({ channelId: room.id, readerId: visitor.id, ...query });
    return jsonOk({ ...changes, asOf } satisfies Changes);
  },
);
