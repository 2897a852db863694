import "server-only";
import type { Agent } from "node:https";
// web-push is CommonJS: Node's ESM loader sees only its default export.
import webPush from "web-push";
import type { VapidConfig } from "./config";

/** What a notification carries to the service worker (public/sw.js), as JSON. */
export type PushPayload = { title: string; body: string; url: string; tag: string };

/** A device's subscription as the browser gave it (the keys are base64url). */
export type PushTarget = { endpoint: string; p256dh: string; auth: string };

/**
 * How one delivery went: `gone` is the push service saying the subscription no longer exists
 * (404/410), so the caller deletes it; `failed` is anything else, kept for the next push.
 */
export type PushOutcome =
  | { status: "sent" }
  | { status: "gone"; statusCode: number }
  | { status: "failed"; statusCode?: number; error: string };

export type PushSender = (target: PushTarget, payload: PushPayload) => Promise<PushOutcome>;

/**
 * A mention is stale after a day: a phone that was off longer gets nothing rather than an old
 * alert (the Mentions page still lists it).
 */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
const SEND_TIMEOUT_MS = 10_000;

/**
 * A sender signing with `vapid`. `agent` is for tests, whose local push receiver has a
 * self-signed certificate: they trust it through the agent, never by switching TLS checks off.
 */
export function createPushSender(vapid: VapidConfig, options: { agent?: Agent } = {}): PushSender {
  return async (target, payload) => {
    try {
      await webPush.sendNotification(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: vapid,
          TTL: PUSH_TTL_SECONDS,
          // A person was addressed: "high" lets a phone wake for it, as chat apps do for mentions.
          urgency: "high",
          // Same channel, same topic: a push service holding an undelivered one replaces it.
          topic: topicFor(payload.tag),
          contentEncoding: "aes128gcm",
          timeout: SEND_TIMEOUT_MS,
          ...(options.agent ? { agent: options.agent } : {}),
        },
      );
      return { status: "sent" };
    } catch (error) {
      if (error instanceof webPush.WebPushError) {
        if (error.statusCode === 404 || error.statusCode === 410) {
          return { status: "gone", statusCode: error.statusCode };
        }
        return { status: "failed", statusCode: error.statusCode, error: error.message };
      }
      return { status: "failed", error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** A Topic header is at most 32 base64url characters; a tag is made to fit. */
function topicFor(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 32);
}
