import { describe, expect, it } from "vitest";
import { LOCALES } from "@/app/_i18n/locales";
import { msg } from "@/app/_i18n/message";
import { translate } from "@/app/_i18n/translate";
import {
  checkBody,
  clientFrameSchema,
  MAX_BATCH,
  MAX_BODY_CHARS,
  REJECT_REASON,
  roomCommandSchema,
  serverFrameSchema,
  storeRequestSchema,
  storeResponseSchema,
} from "@/party/protocol";
import { chatMessage, uuid } from "./fixtures";

describe("protocol", () => {
  describe("clientFrameSchema", () => {
    it("accepts a send frame", () => {
      const frame = { type: "send", clientId: uuid(), body: "hello" };
      expect(clientFrameSchema.parse(frame)).toEqual(frame);
    });

    it("strips unknown keys", () => {
      const clientId = uuid();
      const parsed = clientFrameSchema.parse({ type: "send", clientId, body: "hi", extra: 1 });
      expect(parsed).toEqual({ type: "send", clientId, body: "hi" });
    });

    it.each([
      ["unknown type", { type: "edit", clientId: uuid(), body: "x" }],
      ["missing type", { clientId: uuid(), body: "x" }],
      ["clientId not a uuid", { type: "send", clientId: "abc", body: "x" }],
      ["missing clientId", { type: "send", body: "x" }],
      ["body not a string", { type: "send", clientId: uuid(), body: 42 }],
      ["missing body", { type: "send", clientId: uuid() }],
      ["an array", [{ type: "send", clientId: uuid(), body: "x" }]],
      ["null", null],
      ["a string", "send"],
    ])("rejects %s", (_name, value) => {
      expect(clientFrameSchema.safeParse(value).success).toBe(false);
    });

    it("leaves length rules to checkBody (an empty body parses)", () => {
      expect(
        clientFrameSchema.safeParse({ type: "send", clientId: uuid(), body: "" }).success,
      ).toBe(true);
    });
  });

  describe("serverFrameSchema", () => {
    it("accepts each frame type", () => {
      const frames = [
        { type: "message", message: chatMessage() },
        { type: "messages", messages: [chatMessage(), chatMessage({ id: 2 })] },
        { type: "rejected", clientId: uuid(), reason: "rate_limited" },
        { type: "rejected", clientId: null, reason: "invalid" },
        { type: "deleted", id: 7 },
        { type: "presence", users: [{ id: 1, name: "Ada", image: null }], count: 1 },
        { type: "presence", users: [], count: 0 },
        { type: "presence", users: [], count: 12_000 },
      ];
      for (const frame of frames) expect(serverFrameSchema.parse(frame)).toEqual(frame);
    });

    it("accepts every reject reason", () => {
      for (const reason of REJECT_REASON.options) {
        expect(
          serverFrameSchema.safeParse({ type: "rejected", clientId: null, reason }).success,
        ).toBe(true);
      }
    });

    it.each([
      ["an unknown reason", { type: "rejected", clientId: null, reason: "nope" }],
      ["a rejection without clientId", { type: "rejected", reason: "invalid" }],
      ["a non-positive deleted id", { type: "deleted", id: 0 }],
      ["a fractional deleted id", { type: "deleted", id: 1.5 }],
      [
        "a message without author",
        { type: "message", message: { ...chatMessage(), author: null } },
      ],
      [
        "a message with a bad role",
        {
          type: "message",
          message: chatMessage({
            author: { id: 1, name: "a", image: null, role: "root" as "admin" },
          }),
        },
      ],
      [
        "a message whose clientId is not a uuid",
        { type: "message", message: { ...chatMessage(), clientId: "x" } },
      ],
      [
        "a presence user with id 0",
        { type: "presence", users: [{ id: 0, name: "a", image: null }], count: 1 },
      ],
      [
        "a presence user without image",
        { type: "presence", users: [{ id: 1, name: "a" }], count: 1 },
      ],
      ["a presence frame without count", { type: "presence", users: [] }],
      ["a negative presence count", { type: "presence", users: [], count: -1 }],
      [
        "a presence list longer than PRESENCE_LIST_MAX",
        {
          type: "presence",
          users: Array.from({ length: 51 }, (_, i) => ({ id: i + 1, name: "a", image: null })),
          count: 51,
        },
      ],
      ["an empty messages frame", { type: "messages", messages: [] }],
      [
        "a messages frame with a broken message",
        { type: "messages", messages: [{ ...chatMessage(), id: -1 }] },
      ],
      ["an unknown type", { type: "typing", userId: 1 }],
    ])("rejects %s", (_name, value) => {
      expect(serverFrameSchema.safeParse(value).success).toBe(false);
    });
  });

  describe("storeRequestSchema", () => {
    const item = () => ({ authorId: 1, clientId: uuid(), body: "hi" });

    it("accepts one message and MAX_BATCH messages", () => {
      expect(storeRequestSchema.safeParse({ channel: "general", messages: [item()] }).success).toBe(
        true,
      );
      const full = Array.from({ length: MAX_BATCH }, item);
      expect(storeRequestSchema.safeParse({ channel: "general", messages: full }).success).toBe(
        true,
      );
    });

    it("rejects an empty batch", () => {
      expect(storeRequestSchema.safeParse({ channel: "general", messages: [] }).success).toBe(
        false,
      );
    });

    it("rejects a batch over MAX_BATCH", () => {
      const over = Array.from({ length: MAX_BATCH + 1 }, item);
      expect(storeRequestSchema.safeParse({ channel: "general", messages: over }).success).toBe(
        false,
      );
    });

    it.each([
      ["an empty channel", { channel: "", messages: [item()] }],
      ["a channel over 64 characters", { channel: "c".repeat(65), messages: [item()] }],
      ["a non-positive authorId", { channel: "g", messages: [{ ...item(), authorId: 0 }] }],
      ["a string authorId", { channel: "g", messages: [{ ...item(), authorId: "1" }] }],
      ["a bad clientId", { channel: "g", messages: [{ ...item(), clientId: "not-a-uuid" }] }],
      ["a missing body", { channel: "g", messages: [{ authorId: 1, clientId: uuid() }] }],
    ])("rejects %s", (_name, value) => {
      expect(storeRequestSchema.safeParse(value).success).toBe(false);
    });

    it("accepts a 64-character channel", () => {
      expect(
        storeRequestSchema.safeParse({ channel: "c".repeat(64), messages: [item()] }).success,
      ).toBe(true);
    });
  });

  describe("storeResponseSchema", () => {
    it("accepts stored and refused results side by side", () => {
      const message = chatMessage();
      const response = {
        results: [
          { clientId: message.clientId, ok: true, message },
          { clientId: uuid(), ok: false, reason: "muted" },
        ],
      };
      expect(storeResponseSchema.parse(response)).toEqual(response);
    });

    it("accepts an empty result list", () => {
      expect(storeResponseSchema.safeParse({ results: [] }).success).toBe(true);
    });

    it.each([
      ["ok:true without a message", { results: [{ clientId: uuid(), ok: true }] }],
      ["ok:false without a reason", { results: [{ clientId: uuid(), ok: false }] }],
      [
        "ok:false with an unknown reason",
        { results: [{ clientId: uuid(), ok: false, reason: "x" }] },
      ],
      ["a string ok", { results: [{ clientId: uuid(), ok: "true", message: chatMessage() }] }],
      ["no results key", {}],
    ])("rejects %s", (_name, value) => {
      expect(storeResponseSchema.safeParse(value).success).toBe(false);
    });
  });

  describe("roomCommandSchema", () => {
    it("accepts deleted and kick", () => {
      expect(roomCommandSchema.parse({ type: "deleted", id: 3 })).toEqual({
        type: "deleted",
        id: 3,
      });
      expect(roomCommandSchema.parse({ type: "kick", userId: 9 })).toEqual({
        type: "kick",
        userId: 9,
      });
    });

    it.each([
      ["deleted without id", { type: "deleted" }],
      ["deleted with a string id", { type: "deleted", id: "3" }],
      ["deleted with id 0", { type: "deleted", id: 0 }],
      ["kick with a negative userId", { type: "kick", userId: -1 }],
      ["kick with id instead of userId", { type: "kick", id: 1 }],
      ["an unknown command", { type: "ban", userId: 1 }],
    ])("rejects %s", (_name, value) => {
      expect(roomCommandSchema.safeParse(value).success).toBe(false);
    });
  });

  describe("checkBody", () => {
    it.each([
      ["", "empty"],
      [" ", "empty"],
      ["\n\t  \r\n", "empty"],
      ["\u00a0\u2003\u3000", "empty"],
    ])("calls %j empty", (body, expected) => {
      expect(checkBody(body)).toBe(expected);
    });

    it("accepts ordinary text, including surrounding whitespace", () => {
      expect(checkBody("hello")).toBeNull();
      expect(checkBody("  hi  ")).toBeNull();
      expect(checkBody("x")).toBeNull();
    });

    it("accepts exactly MAX_BODY_CHARS characters and refuses one more", () => {
      expect(MAX_BODY_CHARS).toBe(4_000);
      expect(checkBody("a".repeat(4_000))).toBeNull();
      expect(checkBody("a".repeat(4_001))).toBe("too_long");
      expect(checkBody("a".repeat(100_000))).toBe("too_long");
    });

    it("counts an emoji as one character, not two UTF-16 units", () => {
      const emoji = "😀".repeat(4_000);
      expect(emoji.length).toBe(8_000);
      expect(checkBody(emoji)).toBeNull();
      expect(checkBody(`${emoji}😀`)).toBe("too_long");
      expect(checkBody(`${emoji}a`)).toBe("too_long");
    });

    it("counts mixed text by code points", () => {
      const body = `${"é".repeat(1_000)}${"😀".repeat(1_000)}${"中".repeat(1_000)}${"a".repeat(1_000)}`;
      expect(checkBody(body)).toBeNull();
      expect(checkBody(`${body}!`)).toBe("too_long");
    });
  });

  it("has words in every language for every reject reason (the room sends only the code)", () => {
    for (const locale of LOCALES) {
      for (const reason of REJECT_REASON.options) {
        const text = translate(locale, msg(`common.reject.${reason}`, { max: MAX_BODY_CHARS }));
        expect(text, `${locale} ${reason}`).not.toBe(`common.reject.${reason}`);
        expect(text.trim(), `${locale} ${reason}`).not.toBe("");
      }
    }
    const tooLong = msg("common.reject.too_long", { max: MAX_BODY_CHARS });
    expect(translate("en", tooLong)).toContain("4,000");
    expect(translate("zh-CN", tooLong)).toContain("4,000");
  });
});
