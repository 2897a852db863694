import type { ChannelCount } from "./unread-counts";

/** The catalogue's words for it (area `unread`), in the reader's language. */
export type LinkWords = {
  separator: string;
  muted: string;
  unreadMany: string;
  unread: (count: number) => string;
  mentions: (count: number) => string;
};

/**
 * A sidebar link's accessible name: "general, 3 unread, 1 mention" (zh-CN
 * "general，3 条未读，1 条提及"), with "muted" for a muted channel. Only what is there is said.
 */
export function channelLinkName(
  name: string,
  count: ChannelCount | undefined,
  words: LinkWords,
): string {
  if (!count) return name;
  const parts = [name];
  if (count.muted) parts.push(words.muted);
  if (count.unread > 0) {
    parts.push(count.unread > 999 ? words.unreadMany : words.unread(count.unread));
  }
  if (count.mentions > 0) parts.push(words.mentions(count.mentions));
  return parts.join(words.separator);
}
