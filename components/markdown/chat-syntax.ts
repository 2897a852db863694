/**
 * The Markdown a chat message may use: CommonMark and GFM with the document-only constructs
 * switched off at the parser, so that what they would have matched stays the characters typed.
 * Turning a construct off in micromark (rather than removing its nodes afterwards) means
 * `# hi` reads "# hi", not "hi", and `<b>` reads "<b>" instead of vanishing.
 */
// remark-parse declares `micromarkExtensions` on unified's Data, where this plugin puts its own.
import type {} from "remark-parse";
import type { Processor } from "unified";

/** micromark construct names (micromark-core-commonmark and micromark-extension-gfm-*). */
export const DISABLED_CONSTRUCTS = [
  // Chat messages are not documents: `# x` and `x\n===` are text, `---` is not a rule.
  "headingAtx",
  "setextUnderline",
  "thematicBreak",
  // Raw HTML is never markup: `<script>` and `<img onerror>` show as typed.
  "htmlFlow",
  "htmlText",
  // No images: `![a](https://x/y.png)` falls back to "!" and a plain link.
  "labelStartImage",
  // People indent lines in chat without meaning code; fences are how code is written here.
  "codeIndented",
  // `[id]: url` would make a line disappear, and reference links need it.
  "definition",
  // GFM extras outside the subset: tables, footnotes, task-list checkboxes.
  "table",
  "gfmFootnoteDefinition",
  "gfmFootnoteCall",
  "gfmPotentialFootnoteCall",
  "tasklistCheck",
] as const;

/** remark plugin: registers a micromark extension that disables DISABLED_CONSTRUCTS. */
export function remarkChatSyntax(this: Processor): void {
  const data = this.data();
  const extensions = data.micromarkExtensions ?? [];
  extensions.push({ disable: { null: [...DISABLED_CONSTRUCTS] } });
  data.micromarkExtensions = extensions;
}
