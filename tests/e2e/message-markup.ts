/**
 * Message bodies as the page shows them, checked against what the renderer makes of them
 * (components/chat/message-body.tsx), and searched for anything user text must never become.
 */
import type { Locator, Page } from "@playwright/test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MessageBody } from "@/components/chat/message-body";
import { ALLOWED_TAGS } from "@/components/markdown/sanitize-schema";

/**
 * The inner markup MessageBody renders for each of `bodies`, serialized by this page's browser
 * so that it compares with what the page holds. A <template> parses it inert: nothing in it
 * runs or loads.
 */
export function expectedMarkup(page: Page, bodies: string[]): Promise<string[]> {
  const html = bodies.map((body) => renderToStaticMarkup(createElement(MessageBody, { body })));
  return page.evaluate(
    (list) =>
      list.map((markup) => {
        const template = document.createElement("template");
        template.innerHTML = markup;
        return template.content.firstElementChild?.innerHTML ?? "";
      }),
    html,
  );
}

/**
 * The inner markup of each body found by `bodies`, as the page holds it, less the empty comments
 * React's server render puts between adjacent text nodes (markers for hydration, not content;
 * a comment typed by a user would serialize as `&lt;!--`).
 */
export function shownMarkup(bodies: Locator): Promise<string[]> {
  return bodies.evaluateAll((elements) =>
    elements.map((element) => element.innerHTML.replace(/<!--(?: )?-->/g, "")),
  );
}

/**
 * Every element, attribute or link target inside the bodies that user text must never produce:
 * an element outside the subset, an event handler or any attribute but the few the renderer
 * sets, a link to anything but http(s) or mailto. Empty when all is well.
 */
export function unsafeMarkup(bodies: Locator): Promise<string[]> {
  return bodies.evaluateAll(
    (elements, allowedTags) => {
      const found: string[] = [];
      for (const body of elements) {
        for (const element of body.querySelectorAll("*")) {
          if (!allowedTags.includes(element.localName)) found.push(`<${element.localName}>`);
          for (const { name, value } of element.attributes) {
            // A code block, and only a code block, is focusable: it may scroll sideways.
            const focusableBlock =
              name === "tabindex" && element.localName === "pre" && value === "0";
            if (!focusableBlock && !["class", "href", "target", "rel", "start"].includes(name))
              found.push(`${element.localName}[${name}=${JSON.stringify(value)}]`);
          }
          if (
            element instanceof HTMLAnchorElement &&
            !["http:", "https:", "mailto:"].includes(element.protocol)
          )
            found.push(`a[href=${JSON.stringify(element.getAttribute("href"))}]`);
        }
      }
      return found;
    },
    [...ALLOWED_TAGS] as string[],
  );
}
