import { hasBearer } from "@/party/keys";
import { MAX_STORE_REQUEST_BYTES, storeRequestSchema } from "@/party/protocol";
import { env } from "../../../_lib/env";
import { jsonError, jsonOk, readJsonBody } from "../../../_lib/http";
import { parseOrThrow, route } from "../../../_lib/route";
import { storeBatch } from "../../../_lib/store-batch";

/**
 * POST /api/party/messages — the room stores a batch. Only the room may call it (the bearer
 * derived from PARTY_SECRET). 503 tells the room to retry later; any other error is final.
 */
export const POST = route(async (request: Request) => {
  if (!(await hasBearer(request.headers.get("authorization"), env().PARTY_SECRET))) {
    return jsonError(401, "Unauthorized");
  }
  const body = await readJsonBody(request, MAX_STORE_REQUEST_BYTES);
  if (!body.ok) return jsonError(body.status, body.error);
  const batch = parseOrThrow(storeRequestSchema, body.json, "Invalid store request", 422);
  const results = await storeBatch(batch);
  return jsonOk({ results });
});
