/**
 * rehype plugin, run after sanitizing: each `@username` in the text becomes a
 * mention element. Only text outside code and links is looked at (code shows what was typed,
 * a link's words are the link's), with the same token rule the store route records by
 * (components/mentions/parse-mentions.ts). The element carries a class and the name in a data
 * attribute, both added here after sanitizing, so a message cannot make one of its own.
 */
import type { Element, Root, RootContent } from "hast";
import { findMentionTokens } from "../mentions/parse-mentions";
import { forEachParent, replaceChildren } from "./hast-walk";

/** The element a mention renders as: not in the sanitizer's list, so never from a message. */
export const MENTION_TAG = "span";

export const MENTION_CLASSES =
  "rounded bg-indigo-100 px-0.5 font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200";

// A mention's own element is skipped too: its text is an `@name` and would be wrapped again.
const SKIP = new Set(["code", "pre", "a", MENTION_TAG]);

function split(value: string): RootContent[] | undefined {
  // `@here` counts only from staff, which the text alone cannot tell: it stays text here, and
  // the message it reaches is highlighted as a whole (message-item.tsx).
  const tokens = findMentionTokens(value).filter((t) => t.kind === "user");
  if (tokens.length === 0) return undefined;
  const out: RootContent[] = [];
  let at = 0;
  for (const token of tokens) {
    if (token.start > at) out.push({ type: "text", value: value.slice(at, token.start) });
    const mention: Element = {
      type: "element",
      tagName: MENTION_TAG,
      properties: {
        className: MENTION_CLASSES.split(" "),
        dataMention: token.name.toLowerCase(),
      },
      children: [{ type: "text", value: value.slice(token.start, token.end) }],
    };
    out.push(mention);
    at = token.end;
  }
  if (at < value.length) out.push({ type: "text", value: value.slice(at) });
  return out;
}

export function rehypeChatMentions() {
  return (tree: Root): void => {
    forEachParent(tree, (parent) => {
      if (parent.type === "element" && SKIP.has(parent.tagName)) return;
      if (!parent.children.some((c) => c.type === "text" && c.value.includes("@"))) return;
      parent.children = replaceChildren(parent.children, (node) =>
        node.type === "text" && node.value.includes("@") ? split(node.value) : undefined,
      ) as Element["children"];
    });
  };
}
