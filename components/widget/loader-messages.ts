import { z } from "zod";

/*
 * ADAPTER: the widget branch owns the loader's postMessage schema (widget-messages.ts,
 * `hostToWidget`). This is the part of it the chat page listens to, with the same envelope
 * (`source: "chat-widget"`, `v: 1`); at merge it should import their schema instead.
 */
const envelope = { source: z.literal("chat-widget"), v: z.literal(1) };
export const loaderMessageSchema = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("identify"), token: z.string().min(1).max(4096) }),
  z.object({ ...envelope, type: z.literal("reset") }),
]);
export type LoaderMessage = z.infer<typeof loaderMessageSchema>;

/** An origin from the site's list, compared exactly (scheme, host and port). */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    try {
      return new URL(entry).origin === origin;
    } catch {
      return false;
    }
  });
}
