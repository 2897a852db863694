import { describe, expect, it } from "vitest";
import type { Locale } from "@/app/_i18n/locales";
import { msg } from "@/app/_i18n/message";
import { translate } from "@/app/_i18n/translate";
import { type ProblemTranslator, problemWords } from "@/components/chat/problem-words";
import type { RoomProblem } from "@/components/chat/room-client";
import type { JoinRefusal } from "@/components/chat/room-token";
import { untilText } from "@/components/chat/until";
import { CLOSE } from "@/party/close-codes";

const NOW = new Date("2026-11-29T08:00:00");
const words =
  (locale: Locale): ProblemTranslator =>
  (key, values) =>
    translate(locale, msg(`chat.problem.${key}`, values));
const say = (problem: RoomProblem, locale: Locale = "en") =>
  problemWords(problem, words(locale), locale, NOW);
const refused = (refusal: Partial<JoinRefusal>): RoomProblem => ({
  kind: "refused",
  refusal: { code: "banned", status: 403, until: null, reason: null, ...refusal },
});

describe("problemWords", () => {
  it("words the room's close codes, never the room's own English reason", () => {
    expect(say({ kind: "closed", code: CLOSE.kicked })).toBe("You were removed from this channel");
    expect(say({ kind: "closed", code: CLOSE.tooManySockets })).toBe(
      "Too many open connections to this channel",
    );
    expect(say({ kind: "closed", code: 1011 })).toBe("Disconnected by the server");
    expect(say({ kind: "closed", code: CLOSE.kicked }, "zh-CN")).toBe("你已被移出此频道");
  });

  it("words a ban with its end in the reader's time, and the moderator's reason", () => {
    const later = new Date("2026-11-29T14:05:09").toISOString();
    expect(say(refused({ until: later, reason: "spam" }))).toMatch(
      /^You are banned until 02:05:09\sPM: spam$/,
    );
    expect(say(refused({ until: later }), "zh-CN")).toBe("你已被封禁，至 14:05:09");
    expect(say(refused({ until: "9999-12-31T00:00:00.000Z" }))).toBe("You are banned permanently");
    expect(say(refused({ until: "9999-12-31T00:00:00.000Z", reason: "spam" }), "zh-CN")).toBe(
      "你已被永久封禁。原因：spam",
    );
  });

  it("has words for every refusal and every other problem, in every language", () => {
    const problems: RoomProblem[] = [
      refused({ code: "signed_out", status: 401 }),
      refused({ code: "no_channel", status: 404 }),
      refused({}),
      refused({ code: "unknown", status: 401 }),
      { kind: "older-failed" },
      { kind: "catch-up-incomplete" },
    ];
    for (const locale of ["en", "zh-CN"] as const) {
      for (const problem of problems) {
        const text = say(problem, locale);
        expect(text, JSON.stringify(problem)).not.toMatch(/^chat\.|^$/);
      }
    }
    expect(say(refused({ code: "unknown", status: 401 }))).toBe("Could not join (401)");
  });
});

describe("untilText", () => {
  it("gives the time alone today, date and time on another day, null for never", () => {
    const today = new Date("2026-11-29T21:30:00").toISOString();
    const later = new Date("2026-12-02T09:15:00").toISOString();
    expect(untilText(today, "zh-CN", NOW)).toBe("21:30:00");
    expect(untilText(later, "en", NOW)).toMatch(/^Dec 2, 2026, 9:15\sAM$/);
    expect(untilText(later, "zh-CN", NOW)).toBe("2026年12月2日 09:15");
    expect(untilText("9999-12-31T00:00:00.000Z", "en", NOW)).toBeNull();
  });
});
