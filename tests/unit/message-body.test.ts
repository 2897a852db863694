import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageBody } from "@/components/chat/message-body";
import {
  COST_BUDGET,
  measureMarkdown,
  NESTING_BUDGET,
  withinMarkdownBudget,
} from "@/components/markdown/complexity";
import { isAllowedHref } from "@/components/markdown/link-policy";
import { ALLOWED_TAGS, chatSanitizeSchema } from "@/components/markdown/sanitize-schema";
import { MAX_BODY_CHARS } from "@/party/protocol";
import { PATHOLOGICAL_CASES } from "../support/pathological-markdown";
import { sharedDataPath } from "../support/shared-data";

const render = (body: string) => renderToStaticMarkup(createElement(MessageBody, { body }));

type Tag = { name: string; attributes: Map<string, string> };

/**
 * The start tags in React's output. React escapes `<`, `>` and quotes in text and attribute
 * values, so every `<` in its output opens a tag and a regular expression reads them exactly.
 */
function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    ([, name = "", attributes = ""]) => ({
      name,
      attributes: new Map(
        [...attributes.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, key = "", value = ""]) => [
          key,
          decode(value),
        ]),
      ),
    }),
  );
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text a reader sees, tags taken out. */
const text = (html: string) => decode(html.replace(/<[^>]*>/g, ""));

/** The body's own elements: the wrapper <div> React renders around every body left out. */
const bodyTags = (html: string) => tags(html).slice(1);
const names = (html: string) => bodyTags(html).map((t) => t.name);
const links = (html: string) => bodyTags(html).filter((t) => t.name === "a");

/** Deepest element nesting in React's static markup. */
function depth(html: string): number {
  let current = 0;
  let deepest = 0;
  for (const [tag] of html.matchAll(/<\/?[a-z][^>]*>/g)) {
    if (tag.startsWith("</")) current--;
    else if (!tag.endsWith("/>")) deepest = Math.max(deepest, ++current);
  }
  return deepest;
}

const FORBIDDEN = ["script", "img", "iframe", "style", "object", "embed", "form", "svg"];

/** Everything the pipeline must never let out, whatever went in. */
function expectSafe(html: string): void {
  for (const tag of bodyTags(html)) {
    expect(ALLOWED_TAGS as readonly string[]).toContain(tag.name);
    expect(FORBIDDEN).not.toContain(tag.name);
    for (const [name, value] of tag.attributes) {
      expect(name).not.toMatch(/^on/i);
      // A code block, and only a code block, is focusable: it may scroll sideways.
      if (name === "tabindex") expect([tag.name, value]).toEqual(["pre", "0"]);
      else expect(["class", "href", "target", "rel", "start"]).toContain(name);
      if (name === "href") expect(isAllowedHref(value), value).toBe(true);
      expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }
}

describe("MessageBody: the Markdown subset", () => {
  it("renders **bold**, *italic*, _italic_, ~~strike~~ and `code`", () => {
    const html = render("**bold** *it* _also_ ~~gone~~ `a < b`");
    expect(html).toMatch(/<strong[^>]*>bold<\/strong>/);
    expect(html).toMatch(/<em[^>]*>it<\/em>/);
    expect(html).toMatch(/<em[^>]*>also<\/em>/);
    expect(html).toMatch(/<del[^>]*>gone<\/del>/);
    expect(html).toMatch(/<code[^>]*>a &lt; b<\/code>/);
  });

  it("leaves a single tilde alone: it means 'about' in chat", () => {
    expect(names(render("~5 min~ later"))).toEqual(["p"]);
  });

  it("renders a fenced code block as <pre><code>, scrollable, text kept", () => {
    const html = render("```ts\nconst x = 1;\n    indented\n```");
    expect(names(html)).toEqual(["pre", "code"]);
    expect(bodyTags(html)[0]?.attributes.get("class")).toContain("overflow-x-auto");
    expect(text(html)).toBe("const x = 1;\n    indented\n");
  });

  it("renders block quotes and both kinds of list", () => {
    expect(names(render("> quoted\n> more"))).toEqual(["blockquote", "p", "br"]);
    expect(names(render("- one\n- two\n  - nested"))).toEqual(["ul", "li", "li", "ul", "li"]);
    const ordered = bodyTags(render("3. three\n4. four"));
    expect(ordered.map((t) => t.name)).toEqual(["ol", "li", "li"]);
    expect(ordered[0]?.attributes.get("start")).toBe("3");
  });

  it("renders links with target=_blank and rel noopener noreferrer nofollow ugc", () => {
    const [link, ...rest] = links(render("[the docs](https://example.com/a?b=1#c)"));
    expect(rest).toEqual([]);
    expect(Object.fromEntries(link?.attributes ?? [])).toMatchObject({
      href: "https://example.com/a?b=1#c",
      target: "_blank",
      rel: "noopener noreferrer nofollow ugc",
    });
  });

  it("autolinks bare URLs and emails with the same rel and target", () => {
    const found = links(render("see https://example.com/x, www.example.org and me@example.net"));
    expect(found.map((l) => l.attributes.get("href"))).toEqual([
      "https://example.com/x",
      "http://www.example.org",
      "mailto:me@example.net",
    ]);
    for (const link of found) {
      expect(link.attributes.get("target")).toBe("_blank");
      expect(link.attributes.get("rel")).toBe("noopener noreferrer nofollow ugc");
    }
  });

  it("keeps mailto links", () => {
    expect(links(render("[write](mailto:team@example.com)"))[0]?.attributes.get("href")).toBe(
      "mailto:team@example.com",
    );
  });

  it("turns each newline into a line break and blank lines into paragraphs", () => {
    const html = render("line one\nline two\n\nnext paragraph");
    expect(names(html)).toEqual(["p", "br", "p"]);
    expect(text(html)).toBe("line oneline twonext paragraph");
  });

  it("keeps runs of spaces (the body is pre-wrap) and wraps in .user-text", () => {
    const html = render("a    b");
    expect(html).toMatch(/^<div class="user-text[^"]*"/);
    expect(text(html)).toBe("a    b");
  });
});

describe("MessageBody: outside the subset, text as typed", () => {
  it.each([
    ["# Heading", "# Heading"],
    ["###### six", "###### six"],
    ["Title\n===", "Title==="],
    ["Title\n---", "Title---"],
    ["---", "---"],
    ["| a | b |\n|---|---|\n| 1 | 2 |", "| a | b ||---|---|| 1 | 2 |"],
    ["    indented", "indented"],
    ["[id]: /url\n[a][id]", "[id]: /url[a][id]"],
    ["x[^1]\n\n[^1]: note", "x[^1][^1]: note"],
  ])("%j renders as the paragraph %j", (body, shown) => {
    const html = render(body);
    expect(names(html).filter((n) => n !== "br")).toEqual(
      body.includes("\n\n") ? ["p", "p"] : ["p"],
    );
    expect(text(html)).toBe(shown);
  });

  it("never renders an image: ![a](url) is '!' and a plain link", () => {
    const html = render("![a](https://x.example/y.png)");
    expect(names(html)).toEqual(["p", "a"]);
    expect(text(html)).toBe("!a");
  });

  it("renders a task list item as text, not a checkbox", () => {
    const html = render("- [ ] task");
    expect(names(html)).toEqual(["ul", "li"]);
    expect(text(html)).toBe("[ ] task");
  });
});

describe("MessageBody: hostile input", () => {
  it.each([
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](/relative/path)",
    "[x](relative)",
    "[x](//evil.example/path)",
    "[x](#fragment)",
    "[x](ftp://files.example/)",
    "[x](https:evil.example)",
    "[x](https://)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
  ])("%j renders its text, not a link", (body) => {
    const html = render(body);
    expect(links(html)).toEqual([]);
    expect(text(html)).toContain("x");
    expectSafe(html);
  });

  it("shows <javascript:…> autolinks as text", () => {
    const html = render("<javascript:alert(1)>");
    expect(links(html)).toEqual([]);
    expect(text(html)).toContain("javascript:alert(1)");
  });

  it("shows <script> as characters, in text, inline code and code blocks", () => {
    for (const body of [
      "<script>alert(1)</script>",
      "`<script>alert(1)</script>`",
      "```\n<script>alert(1)</script>\n```",
      "```html\n<script>alert(1)</script>\n```",
    ]) {
      const html = render(body);
      expect(html).not.toContain("<script");
      expect(text(html)).toContain("<script>alert(1)</script>");
    }
  });

  it("shows <img src=x onerror=alert(1)> as those characters", () => {
    const html = render("<img src=x onerror=alert(1)>");
    expect(names(html)).toEqual(["p"]);
    expect(text(html)).toBe("<img src=x onerror=alert(1)>");
  });

  it.each([
    '<div onclick="alert(1)">\nblock\n</div>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<!-- comment --><style>*{}</style>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<form action=https://evil.example><input name=p></form>",
    '<object data="x.swf"></object><embed src="x.swf">',
    "**<b onmouseover=alert(1)>bold</b>**",
  ])("keeps raw HTML as text: %j", (body) => {
    const html = render(body);
    expectSafe(html);
    // The first tag shows as typed.
    expect(text(html)).toContain(/<[^>\n]*>/.exec(body)?.[0]);
  });

  it("gives a link no attribute of the author's choosing", () => {
    const [link] = links(render('[x](https://ok.example "a title")'));
    expect([...(link?.attributes.keys() ?? [])].sort()).toEqual(["class", "href", "rel", "target"]);
  });

  it("lets nothing dangerous out for any of the Big List of Naughty Strings", () => {
    const list = JSON.parse(
      readFileSync(sharedDataPath("naughty-strings/blns.json"), "utf8"),
    ) as string[];
    expect(list.length).toBeGreaterThan(500);
    for (const body of list) {
      const html = render(body);
      try {
        expectSafe(html);
        expect(html).not.toMatch(/<(script|img|iframe|style|object|embed|form|svg)\b/i);
        // Inside a tag: React escapes `<`, `>` and `"` in text, so text cannot match these.
        expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
        expect(html).not.toMatch(/href="\s*javascript:/i);
      } catch (error) {
        throw new Error(`for ${JSON.stringify(body)}: ${String(error)}`);
      }
    }
  }, 60_000);
});

describe("MessageBody: pathological input", () => {
  it.each(PATHOLOGICAL_CASES.map((c) => [c.name, c.body] as const))(
    "%s renders, bounded",
    (_name, body) => {
      expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
      const html = render(body);
      expectSafe(html);
      expect(html.length).toBeLessThan(60 * MAX_BODY_CHARS);
      expect(depth(html)).toBeLessThanOrEqual(2 * NESTING_BUDGET + 4);
      if (!withinMarkdownBudget(body)) {
        // Plain text: every character shown, line breaks as <br>.
        expect(text(html)).toBe(body.replace(/\r\n|\r|\n/g, ""));
      }
    },
  );

  it("sends markup-heavy and deeply nested bodies to plain text, ordinary ones to Markdown", () => {
    expect(withinMarkdownBudget("*a **a ".repeat(300))).toBe(false);
    expect(withinMarkdownBudget(`${"> ".repeat(NESTING_BUDGET + 1)}x`)).toBe(false);
    expect(withinMarkdownBudget(`${"> ".repeat(NESTING_BUDGET)}x`)).toBe(true);
    expect(withinMarkdownBudget("**Hello** [docs](https://example.com)\n- one\n- two")).toBe(true);
  });

  it("does not count top-level fenced code, where the parser looks for no markup", () => {
    const code = "x = [a, *b] <c> `d` ~e~ _f_\n".repeat(100);
    expect(measureMarkdown(`\`\`\`py\n${code}\`\`\``).cost).toBe(0);
    expect(measureMarkdown(code).cost).toBeGreaterThan(COST_BUDGET);
    // A fence inside a list or quote can end with its container, so its lines count.
    expect(measureMarkdown(`- \`\`\`\n${code}`).cost).toBeGreaterThan(COST_BUDGET);
    expect(measureMarkdown(`> \`\`\`\n${code}`).cost).toBeGreaterThan(COST_BUDGET);
  });
});

describe("link policy and schema", () => {
  it("allows absolute http(s) with a host and mailto only", () => {
    for (const ok of ["https://a.example", "HTTP://A.EXAMPLE/x", "mailto:a@b.example"])
      expect(isAllowedHref(ok), ok).toBe(true);
    for (const no of [
      "javascript:alert(1)",
      " https://a.example",
      "//a.example",
      "/a",
      "https:a.example",
      "https://",
      "data:text/html,x",
      "xmpp:a@b.example",
      "mailto:",
    ])
      expect(isAllowedHref(no), no).toBe(false);
  });

  it("keeps every element of the subset from the default schema, and no other", () => {
    expect([...(chatSanitizeSchema.tagNames ?? [])].sort()).toEqual([...ALLOWED_TAGS].sort());
  });
});
