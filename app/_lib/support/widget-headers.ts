/**
 * The two headers the chat page inside the widget's iframe adds to its own API requests. Shared
 * by that page's client code and the server that reads them, so this file imports nothing.
 */

/**
 * The embedding page's origin, which the chat page checked when it loaded (checkWidgetPageOrigin
 * + frame-ancestors).
 */
export const WIDGET_EMBEDDER_HEADER = "x-chat-embedder";

/** A session-only visitor's token, sent when the browser kept no cookie (visitor-session.ts). */
export const VISITOR_SESSION_HEADER = "x-visitor-session";
