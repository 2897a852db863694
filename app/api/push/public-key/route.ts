import { jsonError, jsonOk } from "../../../_lib/http";
import { vapidConfig } from "../../../_lib/push/config";
import { route } from "../../../_lib/route";

/**
 * GET /api/push/public-key — the VAPID public key a browser subscribes with, or 404 when push is
 * off on this server. Served at run time so a deployment's key is never baked into the bundle.
 */
export const GET = route(async () => {
  const vapid = vapidConfig();
  if (!vapid) return jsonError(404, "Push is not configured");
  return jsonOk({ publicKey: vapid.publicKey });
});
