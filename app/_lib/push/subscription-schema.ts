import { z } from "zod";

/** Longest endpoint stored; real ones (FCM, Mozilla, Apple, WNS) are a few hundred characters. */
export const MAX_ENDPOINT_CHARS = 2048;

/**
 * Hosts of the browsers' push services. The server POSTs to whatever endpoint a browser hands
 * it, so an endpoint elsewhere (an intranet address, the metadata service) is refused: the
 * subscription route must not become a way to make this server send requests anywhere.
 */
const PUSH_SERVICE_SUFFIXES = [
  "fcm.googleapis.com", // Chrome, Edge on Android, Opera, Samsung Internet
  "android.googleapis.com",
  "push.services.mozilla.com", // Firefox
  "notify.windows.com", // Edge on Windows
  "push.apple.com", // Safari
];

export function isPushServiceHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return PUSH_SERVICE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

// base64url without padding: an uncompressed P-256 point is 65 bytes, the auth secret 16.
const P256DH_CHARS = 87;
const AUTH_CHARS = 22;

export const endpointSchema = z
  .string()
  .max(MAX_ENDPOINT_CHARS)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        url.protocol === "https:" &&
        !url.username &&
        !url.password &&
        isPushServiceHost(url.hostname)
      );
    } catch {
      return false;
    }
  }, "The endpoint must be an https URL of a browser push service");

/** POST /api/push/subscription: `PushSubscription.toJSON()` as the browser gives it. */
export const subscriptionSchema = z.object({
  endpoint: endpointSchema,
  keys: z.object({
    // An uncompressed point starts with byte 0x04, which base64url writes as "B".
    p256dh: z.string().regex(new RegExp(`^B[A-Za-z0-9_-]{${P256DH_CHARS - 1}}$`)),
    auth: z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${AUTH_CHARS}}$`)),
  }),
});
export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

/** DELETE /api/push/subscription: which of my devices to forget. */
export const unsubscribeSchema = z.object({ endpoint: z.string().min(1).max(MAX_ENDPOINT_CHARS) });
