/**
 * Which link targets a message may carry: absolute http(s) URLs with a host, and mailto.
 * Everything else (javascript:, data:, vbscript:, relative, protocol-relative, a bare scheme)
 * is not a link at all. Parsed with URL rather than matched by prefix alone, so case,
 * leading spaces and control characters cannot smuggle another scheme through.
 */

/** Links from users open away from the chat and vouch for nothing (no referrer, no ranking). */
export const USER_LINK_REL = ["noopener", "noreferrer", "nofollow", "ugc"] as const;
export const USER_LINK_TARGET = "_blank";

const ABSOLUTE = /^(?:https?:\/\/[^/?#\s]|mailto:\S)/i;

/** True when `href` may be rendered as a link from a user's message. */
export function isAllowedHref(href: string): boolean {
  if (!ABSOLUTE.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol === "mailto:") return true;
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}
