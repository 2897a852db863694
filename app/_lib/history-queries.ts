import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import {
  listChangesSince,
  listMessages,
  MAX_PAGE,
  rangeHoldsMoreThan,
} from "@/db/queries/messages";
import { type Changes, MAX_CHANGES_RANGE } from "@/party/protocol";
import { HttpError, parseOrThrow } from "./route";
import { syncPoint } from "./sync-point";

/**
 * The two history answers a page asks for (a page of messages, the changes it missed), shared by
 * the member routes (/api/channels/SLUG/…) and the widget's (/api/widget/SITE/channels/SLUG/…).
 * Each route decides who reads which channel; these read the query and answer.
 */

const cursor = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const pageQuerySchema = z
  .object({
    before: cursor.optional(),
    after: cursor.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: "Give before or after, not both",
  });

const changesQuerySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    from: cursor,
    upTo: cursor,
  })
  .refine((q) => q.from <= q.upTo, { message: "from must not be after upTo" });

export type PageQuery = z.infer<typeof pageQuerySchema>;
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

const searchParams = (request: NextRequest) => Object.fromEntries(request.nextUrl.searchParams);

/** `?before=ID | ?after=ID [&limit=N]`, or a 400. */
export function readPageQuery(request: NextRequest): PageQuery {
  return parseOrThrow(pageQuerySchema, searchParams(request), "Invalid query");
}

/** `?since=ISO&from=ID&upTo=ID`, or a 400. */
export function readChangesQuery(request: NextRequest): ChangesQuery {
  return parseOrThrow(changesQuerySchema, searchParams(request), "Invalid query");
}

/** A page of the channel's history, oldest first, with reactions as `readerId` sees them. */
export function historyPage(channelId: number, readerId: number, query: PageQuery) {
  return listMessages({ channelId, readerId, ...query });
}

/**
 * What happened to the messages a page holds (ids `from` to `upTo`, at most MAX_CHANGES_RANGE
 * stored messages apart) since `since`, with the `asOf` to ask from next time.
 */
export async function changesAnswer(
  channelId: number,
  readerId: number,
  query: ChangesQuery,
): Promise<Changes> {
  // Taken before the reads: a change after it is asked about again next time, never missed.
  const asOf = syncPoint();
  const tooWide = await rangeHoldsMoreThan({
    channelId,
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
  const changes = await listChangesSince({ channelId, readerId, ...query });
  return { ...changes, asOf };
}
