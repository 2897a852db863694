import type { NextRequest } from "next/server";
import { z } from "zod";
import { findChannelBySlug } from "@/db/queries/channels";
import { signRoomToken } from "@/party/token";
import { getSay } from "../../../_i18n/server";
import { env } from "../../../_lib/env";
import { jsonError, jsonOk } from "../../../_lib/http";
import { describeUntil } from "../../../_lib/moderation/durations";
import { parseOrThrow, route } from "../../../_lib/route";
import { getSessionState } from "../../../_lib/session";

const querySchema = z.object({ channel: z.string().min(1).max(64) });

/**
 * GET /api/party/token?channel=SLUG — a short-lived room token for the signed-in user. The page
 * calls it on every (re)connect, so a ban or role change applies at the next connection.
 */
export const GET = route(async (request: NextRequest) => {
  const query = parseOrThrow(
    querySchema,
    Object.fromEntries(request.nextUrl.searchParams),
    "channel is required",
  );
  // The fresh row, not the JWT alone: a banned or signed-out-everywhere user gets no token.
  const [session, channel] = await Promise.all([
    getSessionState(),
    findChannelBySlug(query.channel),
  ]);
  if (session.status === "signed-out") return jsonError(401, "Sign in first");
  const { user } = session;
  if (session.status === "banned" && user.bannedUntil) {
    const why = user.banReason ? `: ${user.banReason}` : "";
    const until = (await getSay())(describeUntil(user.bannedUntil));
    return jsonError(403, `You are banned ${until}${why}`);
  }
  if (!channel || channel.archivedAt) return jsonError(404, "No such channel");
  const token = await signRoomToken({
    user: { id: user.id, name: user.displayName, image: user.image, role: user.role },
    channel: channel.slug,
    secret: env().PARTY_SECRET,
  });
  return jsonOk({ token });
});
