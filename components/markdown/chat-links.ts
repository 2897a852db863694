/**
 * rehype plugin, run after sanitizing: a link whose target the policy refuses becomes its own
 * text (not an <a> without href, which would still look and act like a link); an allowed one
 * opens in a new tab with USER_LINK_REL. Autolinked bare URLs are links by now, so they get the
 * same treatment.
 */
import type { Element, Root, RootContent } from "hast";
import { forEachParent, replaceChildren } from "./hast-walk";
import { isAllowedHref, USER_LINK_REL, USER_LINK_TARGET } from "./link-policy";

function isLink(node: RootContent): node is Element {
  return node.type === "element" && node.tagName === "a";
}

export function rehypeChatLinks() {
  return (tree: Root): void => {
    forEachParent(tree, (parent) => {
      if (!parent.children.some(isLink)) return;
      parent.children = replaceChildren(parent.children, (node) => {
        if (!isLink(node)) return undefined;
        const href = node.properties.href;
        if (typeof href !== "string" || !isAllowedHref(href)) return node.children;
        node.properties = { href, target: USER_LINK_TARGET, rel: [...USER_LINK_REL] };
        return undefined;
      }) as Element["children"];
    });
  };
}
