import { isLocale, type Locale } from "../../_i18n/locales";
import { msg } from "../../_i18n/message";
import { translate } from "../../_i18n/translate";
import type { PushPayload } from "./sender";

/** Longest message excerpt in a notification, in characters; lock screens show about this much. */
export const EXCERPT_CHARS = 140;

/** The tag that makes a channel's next notification replace its last (see public/sw.js). */
export const channelTag = (slug: string) => `channel-${slug}`;

/** A message body as one line of at most EXCERPT_CHARS, cut on a code point, with "…". */
export function excerpt(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length <= EXCERPT_CHARS ? line : `${chars.slice(0, EXCERPT_CHARS - 1).join("")}…`;
}

/** The person's language for a push (the account's choice; else English, as no request says). */
export function pushLocale(locale: string | null | undefined): Locale {
  return isLocale(locale) ? locale : "en";
}

/**
 * The notification for `count` mentions in a channel: one names its author and quotes the
 * message; several say how many (the digest), and replace the last one by tag.
 */
export function mentionPayload(args: {
  locale: Locale;
  slug: string;
  count: number;
  newest: { authorName: string; body: string } | null;
}): PushPayload {
  const { locale, slug, count, newest } = args;
  const base = { url: `/c/${slug}`, tag: channelTag(slug) };
  if (count <= 1 && newest) {
    return {
      ...base,
      title: translate(
        locale,
        msg("notifications.push.single", { author: newest.authorName, channel: slug }),
      ),
      body: excerpt(newest.body),
    };
  }
  return {
    ...base,
    title: translate(locale, msg("notifications.push.digest", { count, channel: slug })),
    body: translate(locale, msg("notifications.push.digestBody", { channel: slug })),
  };
}
