import { isConnectionError } from "@/db";
import { hasSecret } from "@/party/connect-guard";
import { storeRequestSchema } from "@/party/protocol";
import { env } from "../../../_lib/env";
import { jsonError, jsonOk, readJsonBody } from "../../../_lib/http";
import { storeBatch } from "../../../_lib/store-batch";

// A full batch of 100 messages of 4,000 four-byte characters is 1.6 MB; allow that, no more.
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * POST /api/party/messages — the room stores a batch. Only the room may call it (Bearer
 * PARTY_SECRET). 503 tells the room to retry later; any other error is final.
 */
export async function POST(request: Request) {
  let secret: string;
  try {
    secret = env().PARTY_SECRET;
  } catch (error) {
    return jsonError(500, (error as Error).message);
  }
  if (!hasSecret(request.headers.get("authorization"), secret)) {
    return jsonError(401, "Unauthorized");
  }
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return jsonError(body.status, body.error);
  const parsed = storeRequestSchema.safeParse(body.json);
  if (!parsed.success) return jsonError(422, "Invalid store request", parsed.error.issues);
  try {
    return jsonOk({ results: await storeBatch(parsed.data) });
  } catch (error) {
    if (isConnectionError(error)) return jsonError(503, "The database is unavailable");
    throw error;
  }
}
