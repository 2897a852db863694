import { hasBearer } from "@/party/keys";
import { type PushDueResult, pushDueSchema } from "@/party/protocol";
import { env } from "../../../_lib/env";
import { jsonError, jsonOk, readJsonBody } from "../../../_lib/http";
import { dispatchPushes } from "../../../_lib/push/dispatch";
import { parseOrThrow, route } from "../../../_lib/route";

/**
 * POST /api/party/push — a person's room says a mention's grace period is over
 * (`pushDueSchema`: `{ userId, sockets }`, sockets = that person's open pages now).
 *
 * The contract with the room (party/protocol.ts, pushDueSchema):
 * - the room calls PUSH_DELAY_MS (60 s) after each `mention` event it passes on, with its alarm;
 * - the answer is `{ sent, nextDueAt }` (pushDueResultSchema): `nextDueAt` (ISO time, or null) is when mentions still
 *   held (inside a channel's 5-minute gap) become due. The room must set its alarm for then and
 *   call again, since no new mention may come to trigger it; null means nothing is held;
 * - a call early or twice is harmless: nothing goes before it is due, and a push is claimed in
 *   MySQL before it is sent, so two calls never send the same one;
 * - 401 without the bearer, 400 for an unreadable body or a wrong shape, 413 for a big one: final,
 *   do not retry. 503 (database away) and 500: retry later.
 */
export const POST = route(async (request: Request) => {
  if (!(await hasBearer(request.headers.get("authorization"), env().PARTY_SECRET))) {
    return jsonError(401, "Unauthorized");
  }
  const body = await readJsonBody(request, 1024);
  if (!body.ok) return jsonError(body.status, body.error);
  const due = parseOrThrow(pushDueSchema, body.json, "Invalid push call");
  const result = await dispatchPushes(due.userId, { sockets: due.sockets });
  const answer: PushDueResult = {
    sent: result.sent,
    nextDueAt: result.nextDueAt?.toISOString() ?? null,
  };
  return jsonOk(answer);
});
