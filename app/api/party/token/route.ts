import type { NextRequest } from "next/server";
import { z } from "zod";
import type { TokenRefusal } from "@/party/protocol";
import { signRoomToken } from "@/party/token";
import { env } from "../../../_lib/env";
import { jsonOk } from "../../../_lib/http";
import { parseOrThrow, route } from "../../../_lib/route";
import { getSessionState } from "../../../_lib/session";
import { openableRoom } from "../../../_lib/support/room-access";

const querySchema = z.object({ channel: z.string().min(1).max(64) });

/**
 * The answer when no token will come. The page shows it in the reader's language from `code`
 * (components/chat/problem-text.ts), so `error` stays plain English for programs and logs.
 */
function refuse(status: 401 | 403 | 404, refusal: TokenRefusal) {
  return jsonOk(refusal, status);
}

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
  const session = await getSessionState();
  if (session.status === "signed-out") {
    return refuse(401, { error: "Sign in first", code: "signed_out" });
  }
  const { user } = session;
  if (session.status === "banned" && user.bannedUntil) {
    return refuse(403, {
      error: "You are banned",
      code: "banned",
      until: user.bannedUntil.toISOString(),
      ...(user.banReason ? { reason: user.banReason } : {}),
    });
  }
  // A support conversation only for agents and staff (its visitor's token comes from the widget).
  const channel = await openableRoom(query.channel, user);
  if (!channel) {
    return refuse(404, { error: "No such channel", code: "no_channel" });
  }
  const token = await signRoomToken({
    user: { id: user.id, name: user.displayName, image: user.image, role: user.role },
    channel: channel.slug,
    secret: env().PARTY_SECRET,
  });
  return jsonOk({ token });
});
