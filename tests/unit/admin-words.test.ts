import { describe, expect, it } from "vitest";
import { msg } from "@/app/_i18n/message";
import { translate } from "@/app/_i18n/translate";
import {
  DURATIONS,
  describeUntil,
  durationSchema,
  untilFor,
} from "@/app/_lib/moderation/durations";
import { reason } from "@/app/_lib/moderation/schemas";
import {
  SYSTEM_REASONS,
  type SystemReason,
  systemReason,
} from "@/app/_lib/moderation/system-reasons";
import { MODERATION_ACTIONS, PERMANENT } from "@/db/schema";

describe("ban and mute lengths", () => {
  it("are offered with the same English words as before, and in Chinese", () => {
    const english = Object.values(DURATIONS).map((d) => translate("en", msg(d.label)));
    expect(english).toEqual(["10 minutes", "1 hour", "24 hours", "7 days", "30 days", "Permanent"]);
    const chinese = Object.values(DURATIONS).map((d) => translate("zh-CN", msg(d.label)));
    expect(chinese).toEqual(["10 分钟", "1 小时", "24 小时", "7 天", "30 天", "永久"]);
    expect(durationSchema.options).toEqual(Object.keys(DURATIONS));
  });

  it("end when they say, and are described in the reader's language, in UTC", () => {
    const now = Date.UTC(2026, 10, 29, 12, 5);
    expect(untilFor("1h", now)).toEqual(new Date(now + 60 * 60_000));
    expect(untilFor("permanent", now)).toEqual(PERMANENT);
    const status = (until: Date) =>
      msg("admin.users.status.banned", { until: describeUntil(until) });
    expect(translate("en", status(untilFor("1h", now)))).toBe(
      "banned until Nov 29, 2026, 1:05 PM UTC",
    );
    expect(translate("zh-CN", status(untilFor("1h", now)))).toBe(
      "已封禁，至 2026年11月29日 13:05（UTC）",
    );
    expect(translate("en", status(PERMANENT))).toBe("banned permanently");
  });
});

describe("the admin forms' refusals", () => {
  it("are catalogue keys, so the reader gets them in their language", () => {
    const issue = (value: string) => reason.safeParse(value).error?.issues[0]?.message ?? "";
    const empty = msg("admin.validation.reasonRequired");
    expect(issue("  ")).toBe(empty.key);
    expect(translate("en", empty)).toBe(
      "Give a reason: it is shown to the user and kept in the audit log",
    );
    expect(issue("x".repeat(501))).toBe("admin.validation.reasonTooLong");
  });
});

describe("the audit log's words", () => {
  it("names every action in both languages; English keeps the codes people filter by", () => {
    for (const action of MODERATION_ACTIONS) {
      const label = msg(`admin.audit.actions.${action}`);
      expect(translate("en", label)).toBe(action);
      expect(translate("zh-CN", label)).not.toMatch(/[A-Za-z]/);
    }
    expect(translate("zh-CN", msg("admin.audit.actions.ban"))).toBe("封禁");
  });

  it("recognises the reasons the app writes itself, and nothing a person wrote", () => {
    for (const [name, text] of Object.entries(SYSTEM_REASONS) as [SystemReason, string][]) {
      expect(systemReason(text)).toBe(name);
      // English says what is stored, word for word: the page reads as it did before.
      expect(translate("en", msg(`admin.audit.systemReasons.${name}`))).toBe(text);
    }
    for (const text of ["spam", "Ban lifted", "ban lifted ", ""])
      expect(systemReason(text)).toBe(null);
  });
});
