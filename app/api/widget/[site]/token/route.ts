import type { NextRequest } from "next/server";
import { z } from "zod";
import { addressBannedUntil } from "@/db/queries/visitors";
import type { TokenRefusal } from "@/party/protocol";
import { signRoomToken } from "@/party/token";
import { env } from "../../../../_lib/env";
import { jsonOk } from "../../../../_lib/http";
import { isBanned } from "../../../../_lib/restrictions";
import { HttpError, parseOrThrow, route } from "../../../../_lib/route";
import { requestAddress } from "../../../../_lib/support/visitor-request";
import { widgetReader } from "../../../../_lib/support/widget-access";

const querySchema = z.object({ channel: z.string().min(1).max(64) });

function refuse(status: 401 | 403 | 404, refusal: TokenRefusal) {
  return jsonOk(refusal, status);
}

/**
 * GET /api/widget/SITE/token?channel=SLUG — the visitor's room token for their own conversation
 * (the member route, /api/party/token, never gives one to a visitor). Asked on every
 * (re)connect, so a ban of the visitor or of their address applies at the next connection.
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/widget/[site]/token">) => {
    const query = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "channel is required",
    );
    const { site: siteKey } = await ctx.params;
    let reader: Awaited<ReturnType<typeof widgetReader>>;
    try {
      reader = await widgetReader(siteKey, query.channel);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        return refuse(401, { error: "No visitor session", code: "signed_out" });
      }
      if (error instanceof HttpError && error.status === 404) {
        return refuse(404, { error: "No such conversation", code: "no_channel" });
      }
      throw error;
    }
    const { site, visitor, room } = reader;
    const addressBan = await addressBannedUntil({
      siteId: site.id,
      address: await requestAddress(),
    });
    const until = isBanned(visitor) ? visitor.bannedUntil : addressBan;
    if (until) {
      return refuse(403, { error: "You are banned", code: "banned", until: until.toISOString() });
    }
    const token = await signRoomToken({
      // A visitor has no role of their own on our site: "member" is the weakest the room knows.
      user: { id: visitor.id, name: visitor.displayName, image: null, role: "member" },
      channel: room.slug,
      secret: env().PARTY_SECRET,
    });
    return jsonOk({ token });
  },
);
