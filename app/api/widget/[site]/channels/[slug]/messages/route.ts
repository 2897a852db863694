import type { NextRequest } from "next/server";
import { historyPage, readPageQuery } from "../../../../../../_lib/history-queries";
import { jsonOk } from "../../../../../../_lib/http";
import { route } from "../../../../../../_lib/route";
import { widgetHistoryReader } from "../../../../../../_lib/support/widget-access";

/** GET /api/widget/SITE/channels/SLUG/messages — the member route's page, for the visitor. */
export const GET = route(
  async (
    request: NextRequest,
    ctx: RouteContext<"/api/widget/[site]/channels/[slug]/messages">,
  ) => {
    const { site, slug } = await ctx.params;
    const { visitor, room } = await widgetHistoryReader(site, slug);
    return jsonOk(await historyPage(room.id, visitor.id, readPageQuery(request)));
  },
);
