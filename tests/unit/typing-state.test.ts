import { describe, expect, it } from "vitest";
import { catalogue } from "@/app/_i18n/catalogue";
import { msg } from "@/app/_i18n/message";
import { translate } from "@/app/_i18n/translate";
import {
  expireTyping,
  fillNames,
  heardTyping,
  NAME_MARKS,
  nextTypingExpiry,
  stoppedTyping,
  typingLine,
} from "@/components/chat/typing-state";
import { TYPING_TTL_MS } from "@/party/protocol";

const ME = 9;
const dana = { id: 1, name: "Dana" };
const eli = { id: 2, name: "Eli" };
const fay = { id: 3, name: "Fay" };

describe("typing state", () => {
  it("adds a typist for TYPING_TTL_MS, renews in place, never adds me", () => {
    let list = heardTyping([], dana, 0, ME);
    list = heardTyping(list, eli, 100, ME);
    list = heardTyping(list, { id: 1, name: "Dana R." }, 2_000, ME);
    expect(list).toEqual([
      { id: 1, name: "Dana R.", until: 2_000 + TYPING_TTL_MS },
      { id: 2, name: "Eli", until: 100 + TYPING_TTL_MS },
    ]);
    expect(heardTyping(list, { id: ME, name: "Me" }, 3_000, ME)).toBe(list);
    expect(nextTypingExpiry(list)).toBe(100 + TYPING_TTL_MS);
    expect(nextTypingExpiry([])).toBeNull();
  });

  it("expires exactly at the end, and keeps the same list when nothing changes", () => {
    const list = heardTyping(heardTyping([], dana, 0, ME), eli, 1_000, ME);
    expect(expireTyping(list, TYPING_TTL_MS - 1)).toBe(list);
    expect(expireTyping(list, TYPING_TTL_MS)).toEqual([list[1]]);
    expect(expireTyping(list, TYPING_TTL_MS + 1_000)).toEqual([]);
  });

  it("drops the authors of arriving messages only", () => {
    const list = heardTyping(heardTyping([], dana, 0, ME), eli, 0, ME);
    expect(stoppedTyping(list, [2, 7])).toEqual([list[0]]);
    expect(stoppedTyping(list, [7])).toBe(list);
    expect(stoppedTyping([], [1])).toEqual([]);
  });
});

describe("the typing line", () => {
  it("names one or two people, and says several from three on", () => {
    expect(typingLine([])).toEqual({ kind: "none" });
    expect(typingLine([dana])).toEqual({ kind: "one", name: "Dana" });
    expect(typingLine([dana, eli])).toEqual({ kind: "two", first: "Dana", second: "Eli" });
    expect(typingLine([dana, eli, fay])).toEqual({ kind: "several" });
  });

  it("cuts a formatted sentence into text and names wherever the language puts them", () => {
    const [a, b] = NAME_MARKS;
    expect(fillNames(`${a} and ${b} are typing…`, ["Dana", "Eli"])).toEqual([
      { name: "Dana" },
      " and ",
      { name: "Eli" },
      " are typing…",
    ]);
    expect(fillNames(`正在输入：${b}、${a}`, ["甲", "乙"])).toEqual([
      "正在输入：",
      { name: "乙" },
      "、",
      { name: "甲" },
    ]);
    // A name is text: markup, and even a mark inside a name, stay as they are.
    expect(fillNames(`${a} is typing…`, [`<b>${b}</b>`])).toEqual([
      { name: `<b>${b}</b>` },
      " is typing…",
    ]);
    // A mark with no name is dropped rather than shown as a box.
    expect(fillNames(`${a}${b}!`, ["Dana"])).toEqual([{ name: "Dana" }, "!"]);
  });

  it("reads in both languages with the names in place", () => {
    const [a, b] = NAME_MARKS;
    const say = (locale: "en" | "zh-CN", key: "typing.one" | "typing.two" | "typing.several") =>
      translate(locale, msg(key, key === "typing.one" ? { name: a } : { first: a, second: b }));
    const text = (parts: ReturnType<typeof fillNames>) =>
      parts.map((p) => (typeof p === "string" ? p : p.name)).join("");
    expect(text(fillNames(say("en", "typing.one"), ["Dana"]))).toBe("Dana is typing…");
    expect(text(fillNames(say("en", "typing.two"), ["Dana", "Eli"]))).toBe(
      "Dana and Eli are typing…",
    );
    expect(say("en", "typing.several")).toBe("Several people are typing…");
    expect(text(fillNames(say("zh-CN", "typing.one"), ["Dana"]))).toBe("Dana 正在输入…");
    expect(text(fillNames(say("zh-CN", "typing.two"), ["Dana", "Eli"]))).toBe(
      "Dana 和 Eli 正在输入…",
    );
    expect(say("zh-CN", "typing.several")).toBe("多人正在输入…");
    // No catalogue text holds a mark, so a mark in a sentence is always a name.
    const all = JSON.stringify([catalogue("en"), catalogue("zh-CN")]);
    expect(NAME_MARKS.some((m) => all.includes(m))).toBe(false);
  });
});
