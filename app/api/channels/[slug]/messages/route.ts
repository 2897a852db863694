import type { NextRequest } from "next/server";
import { z } from "zod";
import { listMessages, MAX_PAGE } from "@/db/queries/messages";
import { historyReader, readableChannel } from "../../../../_lib/history-access";
import { jsonOk } from "../../../../_lib/http";
import { parseOrThrow, route } from "../../../../_lib/route";

const cursor = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const querySchema = z
  .object({
    before: cursor.optional(),
    after: cursor.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: "Give before or after, not both",
  });

/**
 * GET /api/channels/SLUG/messages?before=ID | ?after=ID — a page of history, oldest first.
 * `before` pages back when scrolling up; `after` catches up after a reconnect.
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/channels/[slug]/messages">) => {
    const reader = await historyReader();
    const query = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "Invalid query",
    );
    const { slug } = await ctx.params;
    const channel = await readableChannel(slug, reader);
    const page = await listMessages({ channelId: channel.id, readerId: reader.id, ...query });
    return jsonOk(page);
  },
);
