import { describe, expect, it } from "vitest";
import { excerpt, mentionPayload } from "@/app/_lib/push/payload";
import { subscriptionSchema } from "@/app/_lib/push/subscription-schema";
import {
  type MentionNoticeState,
  shouldNotifyMention,
} from "@/components/notifications/mention-notice";

describe("shouldNotifyMention", () => {
  const yes: MentionNoticeState = {
    hidden: true,
    deviceOn: true,
    permission: "granted",
    muted: false,
  };

  it("notifies from a hidden tab with the device switched on and permission granted", () => {
    expect(shouldNotifyMention(yes)).toBe(true);
  });

  it("stays quiet when the page is in front, the device is off, permission is missing or the channel is muted", () => {
    expect(shouldNotifyMention({ ...yes, hidden: false })).toBe(false);
    expect(shouldNotifyMention({ ...yes, deviceOn: false })).toBe(false);
    expect(shouldNotifyMention({ ...yes, permission: "default" })).toBe(false);
    expect(shouldNotifyMention({ ...yes, permission: "denied" })).toBe(false);
    expect(shouldNotifyMention({ ...yes, permission: "unsupported" })).toBe(false);
    expect(shouldNotifyMention({ ...yes, muted: true })).toBe(false);
  });
});

describe("mentionPayload", () => {
  const newest = { authorName: "Dana", body: "can you   look at\nthis?" };

  it("names the author and quotes one mention, in the reader's language", () => {
    expect(mentionPayload({ locale: "en", slug: "general", count: 1, newest })).toEqual({
      title: "Dana in #general",
      body: "can you look at this?",
      url: "/c/general",
      tag: "channel-general",
    });
    const zh = mentionPayload({ locale: "zh-CN", slug: "general", count: 1, newest });
    expect(zh.title).toBe("Dana 在 #general 提到了你");
  });

  it("counts several as a digest with the same tag, so it replaces the single one", () => {
    const en = mentionPayload({ locale: "en", slug: "general", count: 3, newest });
    expect(en.title).toBe("3 mentions in #general");
    expect(en.tag).toBe("channel-general");
    expect(mentionPayload({ locale: "zh-CN", slug: "general", count: 3, newest }).title).toBe(
      "#general 中有 3 条提及",
    );
  });

  it("cuts a long body on a code point", () => {
    const cut = excerpt("😀".repeat(300));
    expect(Array.from(cut)).toHaveLength(140);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("subscriptionSchema", () => {
  const keys = { p256dh: `B${"a".repeat(86)}`, auth: "b".repeat(22) };
  const endpoint = "https://fcm.googleapis.com/fcm/send/abc";

  it("takes a browser's subscription", () => {
    expect(subscriptionSchema.safeParse({ endpoint, keys, expirationTime: null }).success).toBe(
      true,
    );
    expect(
      subscriptionSchema.safeParse({
        endpoint: "https://updates.push.services.mozilla.com/wpush/v2/x",
        keys,
      }).success,
    ).toBe(true);
  });

  it("refuses plain http, other hosts, long endpoints and keys of the wrong length", () => {
    const bad = [
      { endpoint: "http://fcm.googleapis.com/fcm/send/abc", keys },
      { endpoint: "https://169.254.169.254/latest", keys },
      { endpoint: "https://fcm.googleapis.com.evil.example/x", keys },
      { endpoint: "https://user:pw@fcm.googleapis.com/x", keys },
      { endpoint: `${endpoint}/${"x".repeat(2048)}`, keys },
      { endpoint, keys: { ...keys, p256dh: "B".repeat(40) } },
      { endpoint, keys: { ...keys, auth: "b".repeat(23) } },
      { endpoint, keys: { ...keys, auth: "b+/=".repeat(5).slice(0, 22) } },
    ];
    for (const input of bad) expect(subscriptionSchema.safeParse(input).success).toBe(false);
  });
});
