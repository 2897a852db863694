import type { NextRequest } from "next/server";
import { z } from "zod";
import { listChangesSince, rangeHoldsMoreThan } from "@/db/queries/messages";
import { type Changes, MAX_CHANGES_RANGE } from "@/party/protocol";
import { historyReader, readableChannel } from "../../../../_lib/history-access";
import { jsonOk } from "../../../../_lib/http";
import { HttpError, parseOrThrow, route } from "../../../../_lib/route";
import { syncPoint } from "../../../../_lib/sync-point";

const id = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const querySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    from: id,
    upTo: id,
  })
  .refine((q) => q.from <= q.upTo, { message: "from must not be after upTo" });

/**
 * GET /api/channels/SLUG/changes?since=ISO&from=ID&upTo=ID — the edits, reactions and deletions a page
 * missed while its socket was down, for the messages it holds (ids `from` to `upTo`, at most
 * MAX_CHANGES_RANGE stored messages apart). The page asks on every reconnect with the `asOf` of
 * its last answer (or the time it was rendered).
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/channels/[slug]/changes">) => {
    const reader = await historyReader();
    const query = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "Invalid query",
    );
    const { slug } = await ctx.params;
    const asOf = syncPoint();
    const channel = await readableChannel(slug, reader);
    const tooWide = await rangeHoldsMoreThan({
      channelId: channel.id,
      from: query.from,
      upTo: query.upTo,
      rows: MAX_CHANGES_RANGE,
    });
    if (tooWide) {
      throw new HttpError(
        400,
        `from..upTo spans more than ${MAX_CHANGES_RANGE} messages; reload the channel instead`,
      );
    }
    const changes = await listChangesSince({
      channelId: channel.id,
      readerId: reader.id,
      ...query,
    });
    return jsonOk({ ...changes, asOf } satisfies Changes);
  },
);
