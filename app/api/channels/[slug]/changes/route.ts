import type { NextRequest } from "next/server";
import { z } from "zod";
import { isConnectionError } from "@/db";
import { findChannelBySlug } from "@/db/queries/channels";
import { listChangesSince } from "@/db/queries/messages";
import type { Changes } from "@/party/protocol";
import { jsonError, jsonOk } from "../../../../_lib/http";
import { getSessionState } from "../../../../_lib/session";
import { syncPoint } from "../../../../_lib/sync-point";

const id = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const querySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    from: id,
    upTo: id,
  })
  .refine((q) => q.from <= q.upTo, { message: "from must not be after upTo" });

/**
 * GET /api/channels/SLUG/changes?since=ISO&from=ID&upTo=ID — the edits and deletions a page
 * missed while its socket was down, for the messages it holds (ids `from` to `upTo`). The page
 * asks on every reconnect with the `asOf` of its last answer (or the time it was rendered).
 */
export async function GET(request: NextRequest, ctx: RouteContext<"/api/channels/[slug]/changes">) {
  const { slug } = await ctx.params;
  const asOf = syncPoint();
  try {
    // The fresh row, not the JWT alone: a banned or signed-out-everywhere user reads nothing.
    const session = await getSessionState();
    if (session.status === "signed-out") return jsonError(401, "Sign in first");
    if (session.status === "banned") return jsonError(403, "You are banned");
    const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!query.success) return jsonError(400, "Invalid query", query.error.issues);
    const channel = await findChannelBySlug(slug);
    if (!channel || channel.archivedAt) return jsonError(404, "No such channel");
    const changes = await listChangesSince({ channelId: channel.id, ...query.data });
    return jsonOk({ ...changes, asOf } satisfies Changes);
  } catch (error) {
    if (isConnectionError(error)) return jsonError(503, "The database is unavailable");
    throw error;
  }
}
