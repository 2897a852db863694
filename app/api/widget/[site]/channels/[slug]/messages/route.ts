import type { NextRequest } from "next/server";
import { z } from "zod";
import { listMessages, MAX_PAGE } from "@/db/queries/messages";
import { jsonOk } from "../../../../../../_lib/http";
import { parseOrThrow, route } from "../../../../../../_lib/route";
import { widgetHistoryReader } from "../../../../../../_lib/support/widget-access";

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

/** GET /api/widget/SITE/channels/SLUG/messages — the member route's page, for the visitor. */
export const GET = route(
  async (
    request: NextRequest,
    ctx: RouteContext<"/api/widget/[site]/channels/[slug]/messages">,
  ) => {
    const { site, slug } = await ctx.params;
    const { visitor, room } = await widgetHistoryReader(site, slug);
    const query = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "Invalid query",
    );
    return jsonOk(await listMessages({ channelId: room.id, readerId: visitor.id, ...query }));
  },
);
