import { z } from "zod";

/**
 * The postMessage contract between the loader on the host page (components/widget-loader/
 * loader.js, plain JS, which builds these objects by hand) and the chat page in its iframe
 * (/widget/<site>). Every message carries `source: "chat-widget"` and `v: 1`, so either side can
 * ignore the other messages a busy host page is full of, and a later version can be told apart.
 *
 * Who checks what:
 * - the loader posts only to the iframe's window with targetOrigin = our origin (the origin of
 *   the script's own URL), and accepts only messages whose `event.source` is that iframe's window
 *   and whose `event.origin` is our origin;
 * - the iframe page accepts only messages whose `event.source` is `window.parent` and whose
 *   `event.origin` is one of the site's allowed origins (checkWidgetPageOrigin's list), and posts
 *   back with targetOrigin = the host origin it was opened for (the `origin` query, checked).
 * Anything that fails `hostToWidget` / `widgetToHost` is dropped without an answer.
 *
 * Host page → iframe:
 *   { source, v, type: "identify", token }   Chat.identify(token): a JWT from the site's server
 *   { source, v, type: "reset" }             Chat.reset(): the visitor logged out of the site
 *   { source, v, type: "open" }              the panel became visible (focus the composer)
 *   { source, v, type: "close" }             the panel was hidden
 * iframe → host page:
 *   { source, v, type: "ready", accent? }    the page listens now; the loader sends its queue
 *                                            and paints the launcher in the site's colour
 *   { source, v, type: "close" }             the visitor pressed the page's own close button
 *   { source, v, type: "unread", count }     messages the visitor has not seen (launcher badge)
 *   { source, v, type: "identity", verified, reason? }  what became of the last identify
 */

export const WIDGET_MESSAGE_SOURCE = "chat-widget";
export const WIDGET_MESSAGE_VERSION = 1;

const envelope = {
  source: z.literal(WIDGET_MESSAGE_SOURCE),
  v: z.literal(WIDGET_MESSAGE_VERSION),
};

/** What the loader (host page) sends to the iframe. */
export const hostToWidget = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("identify"), token: z.string().min(1).max(4096) }),
  z.object({ ...envelope, type: z.literal("reset") }),
  z.object({ ...envelope, type: z.literal("open") }),
  z.object({ ...envelope, type: z.literal("close") }),
]);
export type HostToWidget = z.infer<typeof hostToWidget>;

/** What the iframe sends to the loader (host page). */
export const widgetToHost = z.discriminatedUnion("type", [
  z.object({
    ...envelope,
    type: z.literal("ready"),
    /** The site's accent colour, for the launcher button. */
    accent: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .optional(),
  }),
  z.object({ ...envelope, type: z.literal("close") }),
  z.object({ ...envelope, type: z.literal("unread"), count: z.number().int().min(0).max(9999) }),
  z.object({
    ...envelope,
    type: z.literal("identity"),
    verified: z.boolean(),
    reason: z.string().max(40).optional(),
  }),
]);
export type WidgetToHost = z.infer<typeof widgetToHost>;

/** A message without its envelope, one type at a time. */
type Bare<M> = M extends unknown ? Omit<M, "source" | "v"> : never;

/** A message for the host page, envelope filled in (for the iframe side). */
export function toHost(message: Bare<WidgetToHost>): WidgetToHost {
  return widgetToHost.parse({
    source: WIDGET_MESSAGE_SOURCE,
    v: WIDGET_MESSAGE_VERSION,
    ...message,
  });
}
