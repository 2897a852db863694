/**
 * A loop over every parent in a hast tree, without recursion: a message can nest thousands of
 * quotes or lists deep (`>>>>…`), and a recursive walk would spend a stack frame per level.
 */
import type { Element, Root, RootContent } from "hast";

export type Parent = Root | Element;

/** Calls `visit` once for every parent, the root first; it may rewrite `parent.children`. */
export function forEachParent(tree: Root, visit: (parent: Parent) => void): void {
  const stack: Parent[] = [tree];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    visit(parent);
    for (const child of parent.children) if (child.type === "element") stack.push(child);
  }
}

/** `children` with each node for which `replace` returns an array spliced in its place. */
export function replaceChildren(
  children: RootContent[],
  replace: (node: RootContent) => RootContent[] | undefined,
): RootContent[] {
  const out: RootContent[] = [];
  for (const node of children) {
    const replacement = replace(node);
    if (replacement) out.push(...replacement);
    else out.push(node);
  }
  return out;
}
