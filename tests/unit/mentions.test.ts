import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageBody } from "@/components/chat/message-body";
import { activeMention, insertMention, pickerKey } from "@/components/mentions/mention-query";
import {
  findMentionTokens,
  MAX_MENTIONS_PER_MESSAGE,
  maskCode,
  mentionsUser,
  parseMentions,
} from "@/components/mentions/parse-mentions";
import { MAX_BODY_CHARS } from "@/party/protocol";
import { sharedDataPath } from "../support/shared-data";

const names = (body: string) => parseMentions(body).usernames;

describe("parseMentions", () => {
  it("finds usernames as the sign-up rule makes them, lower-cased and distinct", () => {
    expect(names("hi @Dana and @eli_2, @dana again; @x-y-z!")).toEqual(["dana", "eli_2", "x-y-z"]);
    expect(names("@dana")).toEqual(["dana"]);
    expect(names("(@dana) [@eli] '@fay' \"@gus\" @hal: @ivy.")).toEqual([
      "dana",
      "eli",
      "fay",
      "gus",
      "hal",
      "ivy",
    ]);
  });

  it("leaves out names too short or too long, and a lone @", () => {
    expect(names("@ab @ @ 1 @@dana")).toEqual([]);
    expect(names(`@${"a".repeat(32)}`)).toEqual(["a".repeat(32)]);
    expect(names(`@${"a".repeat(33)}`)).toEqual([]);
  });

  it("is not fooled by emails and URLs", () => {
    expect(names("write to dana@example.com or a.b+c@mail.org")).toEqual([]);
    expect(names("see https://example.com/@dana and www.x.org/@eli, mailto:fay@x.org")).toEqual([]);
    expect(names("https://example.com/@dana then @eli")).toEqual(["eli"]);
  });

  it("skips code spans and fenced code blocks", () => {
    expect(names("`@dana` and ``x @eli ` y`` and @fay")).toEqual(["fay"]);
    expect(names("```\n@dana\n```\n@eli")).toEqual(["eli"]);
    expect(names("~~~js\nconst a = '@dana';\n~~~~\n@eli")).toEqual(["eli"]);
    expect(names("> ```\n> @dana\n> ```\n@eli")).toEqual(["eli"]);
    // An unclosed fence runs to the end, as the renderer shows it.
    expect(names("@eli\n```\n@dana")).toEqual(["eli"]);
    // Backticks without a closing run are text.
    expect(names("a ` b @dana")).toEqual(["dana"]);
  });

  it("reads @here as its own kind, never a username", () => {
    expect(parseMentions("@here look")).toEqual({ usernames: [], here: true });
    expect(parseMentions("@HERE")).toEqual({ usernames: [], here: true });
    expect(parseMentions("`@here`")).toEqual({ usernames: [], here: false });
    expect(parseMentions("@hereby")).toEqual({ usernames: ["hereby"], here: false });
  });

  it(`keeps at most ${MAX_MENTIONS_PER_MESSAGE} people`, () => {
    const body = Array.from({ length: 80 }, (_, i) => `@user${i}`).join(" ");
    expect(names(body)).toHaveLength(MAX_MENTIONS_PER_MESSAGE);
  });

  it("masks without moving indexes", () => {
    const body = "a `@x` https://e.com/@y\n```\n@z\n```\n@w";
    expect(maskCode(body)).toHaveLength(body.length);
  });

  it("reports token positions in text", () => {
    expect(findMentionTokens("hi @dana!")).toEqual([
      { start: 3, end: 8, name: "dana", kind: "user" },
    ]);
  });

  it("tells whether a body mentions a reader", () => {
    expect(mentionsUser("hey @Dana", "dana", false)).toBe(true);
    expect(mentionsUser("hey @danax", "dana", false)).toBe(false);
    expect(mentionsUser("@here", "dana", false)).toBe(false);
    expect(mentionsUser("@here", "dana", true)).toBe(true);
  });

  it("survives every naughty string, alone and after a mention, quickly", () => {
    const list = JSON.parse(
      readFileSync(sharedDataPath("naughty-strings/blns.json"), "utf8"),
    ) as string[];
    expect(list.length).toBeGreaterThan(500);
    for (const body of list) {
      for (const text of [body, `@dana ${body}`, `${body}@eli`]) {
        const parsed = parseMentions(text);
        for (const name of parsed.usernames) expect(name).toMatch(/^[a-z0-9_-]{3,32}$/);
      }
    }
  });

  // A quadratic or backtracking scan of these would run past the test's timeout.
  it("parses worst-case bodies", () => {
    const cases = [
      "@".repeat(MAX_BODY_CHARS),
      "`".repeat(MAX_BODY_CHARS),
      "`a".repeat(MAX_BODY_CHARS / 2),
      "```\n".repeat(MAX_BODY_CHARS / 4),
      `@${"a".repeat(MAX_BODY_CHARS - 1)}`,
      "https://".repeat(MAX_BODY_CHARS / 8),
      "@ab ".repeat(MAX_BODY_CHARS / 4),
    ];
    for (const body of cases) {
      expect(parseMentions(body).usernames.length).toBeLessThanOrEqual(MAX_MENTIONS_PER_MESSAGE);
    }
  });
});

describe("composer completion", () => {
  const at = (typed: string) => activeMention(typed, typed.length);

  it("finds the @word the caret ends", () => {
    expect(at("@")).toEqual({ start: 0, query: "" });
    expect(at("hi @da")).toEqual({ start: 3, query: "da" });
    expect(at("(@da")).toEqual({ start: 1, query: "da" });
    expect(activeMention("hi @da there", 6)).toEqual({ start: 3, query: "da" });
  });

  it("ignores emails, finished words and names too long", () => {
    expect(at("dana@ex")).toBeNull();
    expect(at("hi @dana ")).toBeNull();
    expect(at("hi dana")).toBeNull();
    expect(at(`@${"a".repeat(33)}`)).toBeNull();
    expect(at("")).toBeNull();
  });

  it("inserts @username and one space, caret after it", () => {
    const typed = "hi @da";
    const mention = at(typed);
    if (!mention) throw new Error("no mention");
    expect(insertMention(typed, typed.length, mention, "dana")).toEqual({
      value: "hi @dana ",
      caret: 9,
    });
    const middle = "hi @da and more";
    const inside = activeMention(middle, 6);
    if (!inside) throw new Error("no mention");
    expect(insertMention(middle, 6, inside, "dana")).toEqual({
      value: "hi @dana and more",
      caret: 9,
    });
  });

  it("reads keys as the list does, leaving an input method's keys alone", () => {
    const key = (k: string, more: Partial<Parameters<typeof pickerKey>[0]> = {}) =>
      pickerKey({
        key: k,
        shiftKey: false,
        altKey: false,
        ctrlKey: false,
        metaKey: false,
        isComposing: false,
        keyCode: 0,
        ...more,
      });
    expect(key("ArrowDown")).toBe("next");
    expect(key("ArrowUp")).toBe("previous");
    expect(key("Enter")).toBe("pick");
    expect(key("Tab")).toBe("pick");
    expect(key("Escape")).toBe("close");
    expect(key("Enter", { shiftKey: true })).toBeNull();
    expect(key("Enter", { isComposing: true })).toBeNull();
    expect(key("Enter", { keyCode: 229 })).toBeNull();
    expect(key("a")).toBeNull();
  });
});

describe("rendered mentions", () => {
  const render = (body: string) => renderToStaticMarkup(createElement(MessageBody, { body }));

  it("marks @name in text, not in code, links, emails or @here", () => {
    const html = render(
      "hi @dana, `@eli` [@fay](https://x.example) gus@example.com @here\n```\n@hal\n```",
    );
    expect(html.match(/data-mention="[^"]*"/g)).toEqual(['data-mention="dana"']);
    expect(html).toContain(">@dana</span>");
  });

  it("cannot be made by a message itself", () => {
    const html = render('<span data-mention="dana">x</span> <span class="x">y</span>');
    expect(html).not.toMatch(/<span/);
  });
});
