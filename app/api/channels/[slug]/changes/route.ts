import type { NextRequest } from "next/server";
import { historyReader, readableChannel } from "../../../../_lib/history-access";
import { changesAnswer, readChangesQuery } from "../../../../_lib/history-queries";
import { jsonOk } from "../../../../_lib/http";
import { route } from "../../../../_lib/route";

/**
 * GET /api/channels/SLUG/changes?since=ISO&from=ID&upTo=ID — the edits, reactions and deletions a page
 * missed while its socket was down, for the messages it holds (ids `from` to `upTo`, at most
 * MAX_CHANGES_RANGE stored messages apart). The page asks on every reconnect with the `asOf` of
 * its last answer (or the time it was rendered).
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/channels/[slug]/changes">) => {
    const reader = await historyReader();
    const query = readChangesQuery(request);
    const { slug } = await ctx.params;
    const channel = await readableChannel(slug, reader);
    return jsonOk(await changesAnswer(channel.id, reader.id, query));
  },
);
