/**
 * A loop over every parent in a hast tree, without recursion, so its stack use does not depend
 * on how deep a message nests (complexity.ts bounds that before parsing, but this need not know).
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
