import type { NextRequest } from "next/server";
import { z } from "zod";
import { MAX_CANDIDATES, type MentionCandidates } from "@/components/mentions/candidates";
import { findChannelBySlug } from "@/db/queries/channels";
import { findMentionCandidates } from "@/db/queries/mentions";
import { RateLimiter } from "@/party/rate-limit";
import { jsonOk } from "../../../../_lib/http";
import { isStaff } from "../../../../_lib/permissions";
import { HttpError, parseOrThrow, route } from "../../../../_lib/route";
import { getSessionState } from "../../../../_lib/session";

/**
 * One lookup per pause in typing after `@`: a burst of 60 and three a second, above a fast
 * typist (the page waits for a pause and caches answers) and far below a loop walking the user
 * list. Per instance, in memory, like the history routes' allowance.
 */
const limiter = new RateLimiter({ capacity: 60, refillPerSecond: 3 });

const querySchema = z.object({
  // Usernames are ASCII; display names may be anything, so only the length is bounded.
  q: z.string().max(32).default(""),
});

/**
 * GET /api/channels/SLUG/mention-candidates?q=PREFIX — people whose username or display name
 * starts with PREFIX, for the composer's `@` list. Signed in, not banned, channel open; the
 * asker is left out, and `here` says whether they may use `@here` (staff).
 */
export const GET = route(
  async (request: NextRequest, ctx: RouteContext<"/api/channels/[slug]/mention-candidates">) => {
    const session = await getSessionState();
    if (session.status === "signed-out") throw new HttpError(401, "Sign in first");
    if (session.status === "banned") throw new HttpError(403, "You are banned");
    const me = session.user;
    if (!limiter.take(String(me.id), Date.now())) {
      throw new HttpError(429, "Too many requests; try again shortly", undefined, {
        "retry-after": "1",
      });
    }
    const { q } = parseOrThrow(
      querySchema,
      Object.fromEntries(request.nextUrl.searchParams),
      "Invalid query",
    );
    const { slug } = await ctx.params;
    // Community channels only: no one is mentioned in a support conversation.
    const channel = await findChannelBySlug(slug);
    if (!channel || channel.archivedAt) throw new HttpError(404, "No such channel");
    const candidates = await findMentionCandidates({
      prefix: q.trim(),
      excludeId: me.id,
      limit: MAX_CANDIDATES,
      now: new Date(),
    });
    const answer: MentionCandidates = { candidates, here: isStaff(me.role) };
    return jsonOk(answer);
  },
);
