/**
 * rehype plugin, run last: Tailwind classes for each element of the subset, and the layout
 * newlines that mdast-util-to-hast adds (between blocks, after each <br>) taken out. Message
 * bodies keep `white-space: pre-wrap` (.user-text) so runs of spaces show as typed; under it
 * those newlines would draw as blank lines between list items and double every line break.
 * Classes are added here, after sanitizing, so the schema can refuse `class` from users.
 */
import type { Root } from "hast";
import { forEachParent } from "./hast-walk";
import type { AllowedTag } from "./sanitize-schema";

const BLOCK = "mt-1 first:mt-0";

/** Each class list is written out whole so Tailwind finds it when scanning sources. */
export const ELEMENT_CLASSES: Record<AllowedTag, string> = {
  p: BLOCK,
  br: "",
  strong: "font-semibold",
  em: "italic",
  del: "line-through",
  // Inline code; code inside <pre> gets none of this (see below).
  code: "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.9em] text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
  // A long code line scrolls inside its block instead of widening the page.
  pre: `${BLOCK} focus-visible:outline-2 focus-visible:outline-indigo-500 max-w-full overflow-x-auto whitespace-pre rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`,
  blockquote: `${BLOCK} border-l-4 border-zinc-300 pl-3 text-zinc-600 dark:border-zinc-600 dark:text-zinc-400`,
  ul: `${BLOCK} list-disc pl-6`,
  ol: `${BLOCK} list-decimal pl-6`,
  li: "",
  a: "font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200",
};

function classesFor(tag: string, parentTag: string | undefined): string {
  if (tag === "code" && parentTag === "pre") return "";
  return Object.hasOwn(ELEMENT_CLASSES, tag) ? ELEMENT_CLASSES[tag as AllowedTag] : "";
}

export function rehypeChatPresentation() {
  return (tree: Root): void => {
    forEachParent(tree, (parent) => {
      const tag = parent.type === "element" ? parent.tagName : undefined;
      // Code keeps every newline it was given.
      if (tag !== "pre" && tag !== "code") {
        parent.children = parent.children.filter(
          (child) => !(child.type === "text" && child.value === "\n"),
        );
      }
      for (const child of parent.children) {
        if (child.type !== "element") continue;
        const classes = classesFor(child.tagName, tag);
        if (classes) child.properties.className = classes.split(" ");
        // A code block scrolls sideways, and a region that scrolls must take keyboard focus to
        // be scrolled without a mouse (axe: scrollable-region-focusable).
        if (child.tagName === "pre") child.properties.tabIndex = 0;
      }
    });
  };
}
