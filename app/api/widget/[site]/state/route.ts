import type { NextRequest } from "next/server";
import { z } from "zod";
import { countAgentsOnline } from "@/db/queries/conversations";
import { jsonOk } from "../../../../_lib/http";
import { parseOrThrow, route } from "../../../../_lib/route";
import { widgetReader } from "../../../../_lib/support/widget-access";

const querySchema = z.object({ channel: z.string().min(1).max(64) });

/**
 * GET /api/widget/SITE/state?channel=SLUG — what the visitor's page polls every few seconds:
 * up to which message an agent has read ("Seen"), whether the conversation is still open, and
 * whether anyone who answers support is online now. Polled rather than pushed: one small
 * indexed read, and the room protocol stays the channels' own.
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/widget/[site]/state">) => {
    const query = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "channel is required",
    );
    const { site } = await ctx.params;
    const { room } = await widgetReader(site, query.channel);
    const conversation = room.conversation;
    if (!conversation) return jsonOk({ error: "No such conversation" }, 404);
    return jsonOk({
      agentSeenId: conversation.agentSeenId,
      status: conversation.status,
      agentsOnline: (await countAgentsOnline()) > 0,
    });
  },
);
