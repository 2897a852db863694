import { unreadForOpenChannels } from "@/db/queries/unread";
import { type UnreadCounts, unreadCountsSchema } from "@/party/protocol";
import { jsonError, jsonOk } from "../../_lib/http";
import { route } from "../../_lib/route";
import { getSessionState } from "../../_lib/session";

/**
 * GET /api/unread — the signed-in person's unread and mention counts for every open channel,
 * from MySQL. A page asks on every (re)connect of its own room and replaces what it holds, so
 * counts never drift.
 */
export const GET = route(async () => {
  const session = await getSessionState();
  if (session.status === "signed-out") return jsonError(401, "Sign in first");
  if (session.status === "banned") return jsonError(403, "You are banned");
  const { user } = session;
  const answer: UnreadCounts = unreadCountsSchema.parse({
    channels: await unreadForOpenChannels({ id: user.id, readBaselineId: user.readBaselineId }),
  });
  return jsonOk(answer);
});
