/**
 * What may come out of the Markdown pipeline, as a rehype-sanitize schema: GitHub's default
 * narrowed to the chat subset. No attribute survives but a link's href (and an ordered list's
 * start number), so no id, class, style or event handler can reach the page from a message.
 */
import { defaultSchema, type Options as Schema } from "rehype-sanitize";

/** Every element a message body may render, and nothing else. */
export const ALLOWED_TAGS = [
  "p",
  "br",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
] as const;

export type AllowedTag = (typeof ALLOWED_TAGS)[number];

const allowed: readonly string[] = ALLOWED_TAGS;

export const chatSanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => allowed.includes(tag)),
  attributes: { a: ["href"], ol: ["start"] },
  // Relative URLs pass any protocol list (they have none); chat-links.ts drops those links too.
  protocols: { href: ["http", "https", "mailto"] },
  required: {},
  ancestors: {},
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
  strip: ["script", "style"],
};
