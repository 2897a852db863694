/**
 * The Markdown pipeline for user text, in order: parse the chat subset (chat-syntax.ts), GFM's
 * strikethrough and autolinks, every newline a line break; then sanitize to the subset's
 * elements, vet links, style. react-markdown is never given rehype-raw, and the parser treats
 * HTML as text, so no markup from a message reaches the page as markup.
 */
import type { Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import { MentionName } from "../mentions/known-names";
import { rehypeChatLinks } from "./chat-links";
import { remarkChatSyntax } from "./chat-syntax";
import { isAllowedHref } from "./link-policy";
import { MENTION_TAG, rehypeChatMentions } from "./mentions";
import { rehypeChatPresentation } from "./presentation";
import { ALLOWED_TAGS, chatSanitizeSchema } from "./sanitize-schema";

export const chatMarkdownOptions = {
  // `~x~` stays text: a tilde means "about" in chat far more often than it means strike.
  remarkPlugins: [[remarkGfm, { singleTilde: false }], remarkChatSyntax, remarkBreaks],
  rehypePlugins: [
    [rehypeSanitize, chatSanitizeSchema],
    rehypeChatLinks,
    rehypeChatMentions,
    rehypeChatPresentation,
  ],
  // Belt and braces after the schema: react-markdown's own last pass knows the same lists, and
  // the mention element, which only the plugin after the sanitizer makes.
  allowedElements: [...ALLOWED_TAGS, MENTION_TAG],
  unwrapDisallowed: true,
  urlTransform: (url: string) => (isAllowedHref(url) ? url : null),
  // Only the mention plugin makes this element; whether its name is a person is the page's.
  components: { [MENTION_TAG]: MentionName },
} satisfies Options;
