import { markOnline } from "@/db/queries/online";
import type { TokenRefusal } from "@/party/protocol";
import { signRoomToken } from "@/party/token";
import { userRoomClaim } from "@/party/user-room";
import { env } from "../../../_lib/env";
import { jsonOk } from "../../../_lib/http";
import { route } from "../../../_lib/route";
import { getSessionState } from "../../../_lib/session";
import { onlineUntil } from "../../../_lib/unread/online-window";

function refuse(status: 401 | 403, refusal: TokenRefusal) {
  return jsonOk(refusal, status);
}

/**
 * GET /api/party/user-token — a short-lived token for the signed-in person's own room
 * (`/parties/user/<id>`), refused like the channel token when signed out or banned. Fetching
 * it marks the person online, so the activity fan-out starts telling their room.
 */
export const GET = route(async () => {
  const session = await getSessionState();
  if (session.status === "signed-out") {
    return refuse(401, { error: "Sign in first", code: "signed_out" });
  }
  const { user } = session;
  if (session.status === "banned") {
    return refuse(403, {
      error: "You are banned",
      code: "banned",
      ...(user.bannedUntil ? { until: user.bannedUntil.toISOString() } : {}),
      ...(user.banReason ? { reason: user.banReason } : {}),
    });
  }
  const [token] = await Promise.all([
    signRoomToken({
      user: { id: user.id, name: user.displayName, image: user.image, role: user.role },
      channel: userRoomClaim(user.id),
      secret: env().PARTY_SECRET,
    }),
    markOnline(user.id, onlineUntil(Date.now())),
  ]);
  return jsonOk({ token });
});
