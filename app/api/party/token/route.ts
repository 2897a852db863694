import type { NextRequest } from "next/server";
import { z } from "zod";
import { isConnectionError } from "@/db";
import { findChannelBySlug } from "@/db/queries/channels";
import { signRoomToken } from "@/party/token";
import { env } from "../../../_lib/env";
import { jsonError, jsonOk } from "../../../_lib/http";
import { describeUntil } from "../../../_lib/moderation/durations";
import { getSessionState } from "../../../_lib/session";

const querySchema = z.object({ channel: z.string().min(1).max(64) });

/**
 * GET /api/party/token?channel=SLUG — a short-lived room token for the signed-in user. The page
 * calls it on every (re)connect, so a ban or role change applies at the next connection.
 */
export async function GET(request: NextRequest) {
  const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return jsonError(400, "channel is required", query.error.issues);
  try {
    const [session, channel] = await Promise.all([
      getSessionState(),
      findChannelBySlug(query.data.channel),
    ]);
    if (session.status === "signed-out") return jsonError(401, "Sign in first");
    const { user } = session;
    if (session.status === "banned" && user.bannedUntil) {
      const why = user.banReason ? `: ${user.banReason}` : "";
      return jsonError(403, `You are banned ${describeUntil(user.bannedUntil)}${why}`);
    }
    if (!channel || channel.archivedAt) return jsonError(404, "No such channel");
    const token = await signRoomToken({
      user: { id: user.id, name: user.displayName, image: user.image, role: user.role },
      channel: channel.slug,
      secret: env().PARTY_SECRET,
    });
    return jsonOk({ token });
  } catch (error) {
    if (isConnectionError(error)) return jsonError(503, "The database is unavailable");
    throw error;
  }
}
