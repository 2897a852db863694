import type { NextRequest } from "next/server";
import { historyReader, readableChannel } from "../../../../_lib/history-access";
import { historyPage, readPageQuery } from "../../../../_lib/history-queries";
import { jsonOk } from "../../../../_lib/http";
import { route } from "../../../../_lib/route";

/**
 * GET /api/channels/SLUG/messages?before=ID | ?after=ID — a page of history, oldest first.
 * `before` pages back when scrolling up; `after` catches up after a reconnect.
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/channels/[slug]/messages">) => {
    const reader = await historyReader();
    const query = readPageQuery(request);
    const { slug } = await ctx.params;
    const channel = await readableChannel(slug, reader);
    return jsonOk(await historyPage(channel.id, reader.id, query));
  },
);
