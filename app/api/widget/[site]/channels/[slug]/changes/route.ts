import type { NextRequest } from "next/server";
import { changesAnswer, readChangesQuery } from "../../../../../../_lib/history-queries";
import { jsonOk } from "../../../../../../_lib/http";
import { route } from "../../../../../../_lib/route";
import { widgetHistoryReader } from "../../../../../../_lib/support/widget-access";

/** GET /api/widget/SITE/channels/SLUG/changes — the member route's catch-up, for the visitor. */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/widget/[site]/channels/[slug]/changes">) => {
    const { site, slug } = await ctx.params;
    const { visitor, room } = await widgetHistoryReader(site, slug);
    return jsonOk(await changesAnswer(room.id, visitor.id, readChangesQuery(request)));
  },
);
