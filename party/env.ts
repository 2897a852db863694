import { z } from "zod";
import { DEFAULT_INVALID_FRAME_LIMIT, type InvalidFrameLimit } from "./chat-room";
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./rate-limit";
import { DEFAULT_TYPING_MAX_SOCKETS } from "./typing";
import { DEFAULT_PUSH_DELAY_MS } from "./user-room";

const schema = z.object({
  PARTY_SECRET: z.string().min(32, "PARTY_SECRET must be set to at least 32 characters"),
  APP_URL: z.url("APP_URL must be the Next.js app's URL, e.g. https://chat.example.com"),
  /** Comma-separated origins allowed to open sockets; defaults to APP_URL's origin. */
  ALLOWED_ORIGINS: z.string().optional(),
  /** Milliseconds a message may wait for the database before it is rejected as unavailable. */
  STORE_MAX_WAIT_MS: z.coerce.number().int().positive().optional(),
  /** Messages a user may send at once before the rate limit applies (default 5). */
  RATE_LIMIT_BURST: z.coerce.number().int().positive().optional(),
  /** Messages per second a user's allowance refills by (default 1). */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().optional(),
  /** Open sockets one user may have in one room (default 20). */
  MAX_SOCKETS_PER_USER: z.coerce.number().int().positive().optional(),
  /** Unreadable frames a socket may send per INVALID_FRAME_WINDOW_MS before it is closed (default 20). */
  INVALID_FRAME_LIMIT: z.coerce.number().int().positive().optional(),
  /** The window for INVALID_FRAME_LIMIT, in milliseconds (default 10,000). */
  INVALID_FRAME_WINDOW_MS: z.coerce.number().int().positive().optional(),
  /** Open sockets above which a room relays no typing indicators (default 200; 0 turns them off). */
  TYPING_MAX_SOCKETS: z.coerce.number().int().nonnegative().optional(),
  /** A mention's grace period before a person's room asks the app about a web push (default 60,000). */
  PUSH_DELAY_MS: z.coerce.number().int().nonnegative().optional(),
});

export type RoomEnv = {
  secret: string;
  appUrl: string;
  allowedOrigins: Set<string>;
  storeMaxWaitMs: number | undefined;
  rateLimit: RateLimitOptions;
  maxSocketsPerUser: number | undefined;
  invalidFrames: InvalidFrameLimit;
  typingMaxSockets: number;
  pushDelayMs: number;
};

/**
 * Reads the room's settings from the Worker's env, or says in one sentence what is missing (for
 * the deployer's log only: callers get a generic answer, see `misconfigured`).
 */
export function readRoomEnv(env: Record<string, unknown>):
  | { ok: true; env: RoomEnv }
  | {
      ok: false;
      error: string;
    } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => i.message).join("; ") };
  }
  const appOrigin = new URL(parsed.data.APP_URL).origin;
  const listed = (parsed.data.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ok: true,
    env: {
      secret: parsed.data.PARTY_SECRET,
      appUrl: parsed.data.APP_URL.replace(/\/+$/, ""),
      allowedOrigins: new Set(listed.length > 0 ? listed : [appOrigin]),
      storeMaxWaitMs: parsed.data.STORE_MAX_WAIT_MS,
      rateLimit: {
        capacity: parsed.data.RATE_LIMIT_BURST ?? DEFAULT_RATE_LIMIT.capacity,
        refillPerSecond: parsed.data.RATE_LIMIT_PER_SECOND ?? DEFAULT_RATE_LIMIT.refillPerSecond,
      },
      maxSocketsPerUser: parsed.data.MAX_SOCKETS_PER_USER,
      invalidFrames: {
        limit: parsed.data.INVALID_FRAME_LIMIT ?? DEFAULT_INVALID_FRAME_LIMIT.limit,
        windowMs: parsed.data.INVALID_FRAME_WINDOW_MS ?? DEFAULT_INVALID_FRAME_LIMIT.windowMs,
      },
      typingMaxSockets: parsed.data.TYPING_MAX_SOCKETS ?? DEFAULT_TYPING_MAX_SOCKETS,
      pushDelayMs: parsed.data.PUSH_DELAY_MS ?? DEFAULT_PUSH_DELAY_MS,
    },
  };
}
