import type { NextRequest } from "next/server";
import { z } from "zod";
import { MAX_MENTIONS_PER_MESSAGE } from "@/components/mentions/parse-mentions";
import { findExistingUsernames } from "@/db/queries/mentions";
import { RateLimiter } from "@/party/rate-limit";
import { jsonOk } from "../../_lib/http";
import { HttpError, parseOrThrow, route } from "../../_lib/route";
import { getSessionState } from "../../_lib/session";

/**
 * A page asks once for the names in the messages it loaded, then once per new name arriving:
 * a burst of 30 and one a second. Per instance, in memory, like the history routes' allowance.
 */
const limiter = new RateLimiter({ capacity: 30, refillPerSecond: 1 });

const querySchema = z.object({
  names: z
    .string()
    .transform((s) => s.split(","))
    .pipe(
      z
        .array(z.string().regex(/^[A-Za-z0-9_-]{3,32}$/))
        .min(1)
        .max(MAX_MENTIONS_PER_MESSAGE),
    ),
});

/**
 * GET /api/mention-names?names=a,b — which of these `@names` are people, so the page marks only
 * those as mentions. Signed in and not banned; usernames are public to members (the composer
 * offers them), so this tells nothing more than the `@` list does.
 */
export const GET = route(async (request: NextRequest) => {
  const session = await getSessionState();
  if (session.status === "signed-out") throw new HttpError(401, "Sign in first");
  if (session.status === "banned") throw new HttpError(403, "You are banned");
  if (!limiter.take(String(session.user.id), Date.now())) {
    throw new HttpError(429, "Too many requests; try again shortly", undefined, {
      "retry-after": "1",
    });
  }
  const { names } = parseOrThrow(
    querySchema,
    Object.fromEntries(request.nextUrl.searchParams),
    "Invalid query",
  );
  return jsonOk({ known: await findExistingUsernames(names) });
});
