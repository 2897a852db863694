import { createHash } from "node:crypto";
import { deleteOwnSubscription, upsertSubscription } from "@/db/queries/push";
import { jsonError, jsonOk, readJsonBody } from "../../../_lib/http";
import { subscriptionSchema, unsubscribeSchema } from "../../../_lib/push/subscription-schema";
import { parseOrThrow, route } from "../../../_lib/route";
import { isSameOrigin } from "../../../_lib/same-origin";
import { getSessionState } from "../../../_lib/session";

const MAX_BODY_BYTES = 4 * 1024;

const endpointHash = (endpoint: string) => createHash("sha256").update(endpoint).digest("hex");

/** Who may change push subscriptions: one of our pages, signed in, not banned. */
async function caller(request: Request) {
  if (!isSameOrigin(request)) return { error: jsonError(403, "Cross-origin request refused") };
  const state = await getSessionState();
  if (state.status === "signed-out") return { error: jsonError(401, "Sign in first") };
  if (state.status === "banned") return { error: jsonError(403, "Banned") };
  return { user: state.user };
}

/**
 * POST /api/push/subscription — stores this device's push subscription for the signed-in person.
 * An endpoint already stored (this browser, signed in as someone else before) moves to them.
 */
export const POST = route(async (request: Request) => {
  const who = await caller(request);
  if (who.error) return who.error;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return jsonError(body.status, body.error);
  const input = parseOrThrow(subscriptionSchema, body.json, "Invalid subscription");
  await upsertSubscription({
    userId: who.user.id,
    endpoint: input.endpoint,
    endpointHash: endpointHash(input.endpoint),
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 255),
  });
  return jsonOk({ ok: true }, 201);
});

/** DELETE /api/push/subscription — forgets one of the signed-in person's own devices. */
export const DELETE = route(async (request: Request) => {
  const who = await caller(request);
  if (who.error) return who.error;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return jsonError(body.status, body.error);
  const input = parseOrThrow(unsubscribeSchema, body.json, "Invalid subscription");
  const removed = await deleteOwnSubscription({
    userId: who.user.id,
    endpointHash: endpointHash(input.endpoint),
  });
  // Someone else's endpoint and an unknown one answer alike: nothing to learn by probing.
  return removed ? jsonOk({ ok: true }) : jsonError(404, "No such subscription");
});
