import { describe, expect, it, vi } from "vitest";
import { parseClientFrame, parseServerFrame, utf8LengthOver } from "@/party/frames";
import { MAX_FRAME_BYTES } from "@/party/protocol";
import { sendFrame, uuid } from "./fixtures";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
/** A standalone ArrayBuffer holding exactly these bytes. */
const buffer = (data: Uint8Array): ArrayBuffer => {
  const out = new ArrayBuffer(data.byteLength);
  new Uint8Array(out).set(data);
  return out;
};

describe("parseClientFrame", () => {
  it("reads a good send frame from a string", () => {
    const clientId = uuid();
    expect(parseClientFrame(sendFrame("hello", clientId))).toEqual({
      ok: true,
      frame: { type: "send", clientId, body: "hello" },
    });
  });

  it("reads a good send frame from an ArrayBuffer and from a typed array view", () => {
    const clientId = uuid();
    const encoded = bytes(sendFrame("héllo 😀", clientId));
    const expected = { ok: true, frame: { type: "send", clientId, body: "héllo 😀" } };
    expect(parseClientFrame(buffer(encoded))).toEqual(expected);
    expect(parseClientFrame(encoded)).toEqual(expected);
  });

  it("reads only the viewed bytes of a view into a larger buffer", () => {
    const clientId = uuid();
    const frame = bytes(sendFrame("hi", clientId));
    const big = new Uint8Array(frame.byteLength + 20).fill(0x7b); // "{" padding on both sides
    big.set(frame, 10);
    const view = new Uint8Array(big.buffer, 10, frame.byteLength);
    expect(parseClientFrame(view)).toEqual({
      ok: true,
      frame: { type: "send", clientId, body: "hi" },
    });
  });

  it.each([
    ["not JSON", "hello"],
    ["truncated JSON", '{"type":"send","clientId":'],
    ["an empty string", ""],
    ["JSON with a trailing comma", '{"type":"send",}'],
  ])("calls %s invalid with no clientId", (_name, raw) => {
    expect(parseClientFrame(raw)).toEqual({ ok: false, clientId: null, reason: "invalid" });
  });

  it.each([
    ["null", "null"],
    ["a number", "42"],
    ["a string", '"send"'],
    ["an array", "[]"],
    ["an array holding a frame", `[${sendFrame("x")}]`],
    ["an unknown type", JSON.stringify({ type: "shout", clientId: "x" })],
    ["a frame without a type", JSON.stringify({ clientId: "nope", body: "x" })],
  ])("calls %s invalid", (_name, raw) => {
    expect(parseClientFrame(raw)).toEqual({ ok: false, clientId: null, reason: "invalid" });
  });

  it("keeps a valid clientId when another field is wrong", () => {
    const clientId = uuid();
    for (const frame of [
      { type: "send", clientId, body: 42 },
      { type: "send", clientId, body: null },
      { type: "send", clientId },
      { type: "unknown", clientId, body: "x" },
    ]) {
      expect(parseClientFrame(JSON.stringify(frame))).toEqual({
        ok: false,
        clientId,
        reason: "invalid",
      });
    }
  });

  it("does not echo back a clientId that does not look like a uuid", () => {
    for (const clientId of ["short", 12345, "x".repeat(36), `<script>${"a".repeat(28)}`]) {
      expect(parseClientFrame(JSON.stringify({ type: "send", clientId, body: 1 }))).toEqual({
        ok: false,
        clientId: null,
        reason: "invalid",
      });
    }
  });

  it("calls an empty or blank body empty, with the clientId", () => {
    const clientId = uuid();
    for (const body of ["", "   ", "\n\t"]) {
      expect(parseClientFrame(sendFrame(body, clientId))).toEqual({
        ok: false,
        clientId,
        reason: "empty",
      });
    }
  });

  it("calls a body over 4,000 characters too_long, with the clientId", () => {
    const clientId = uuid();
    expect(parseClientFrame(sendFrame("a".repeat(4_001), clientId))).toEqual({
      ok: false,
      clientId,
      reason: "too_long",
    });
    expect(parseClientFrame(sendFrame("a".repeat(4_000), clientId)).ok).toBe(true);
  });

  it("accepts 4,000 emoji (16,000 bytes of body) inside the frame limit", () => {
    const frame = sendFrame("😀".repeat(4_000));
    expect(bytes(frame).byteLength).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(parseClientFrame(frame).ok).toBe(true);
  });

  describe("size limit", () => {
    /** A well-formed frame padded with spaces to exactly `size` bytes of UTF-8. */
    const frameOfBytes = (size: number): string => {
      const frame = sendFrame("hi");
      return frame + " ".repeat(size - bytes(frame).byteLength);
    };

    it("accepts a frame of exactly MAX_FRAME_BYTES and refuses one byte more (string)", () => {
      expect(parseClientFrame(frameOfBytes(MAX_FRAME_BYTES)).ok).toBe(true);
      expect(parseClientFrame(frameOfBytes(MAX_FRAME_BYTES + 1))).toEqual({
        ok: false,
        clientId: null,
        reason: "too_long",
      });
    });

    it("accepts a frame of exactly MAX_FRAME_BYTES and refuses one byte more (ArrayBuffer)", () => {
      expect(parseClientFrame(buffer(bytes(frameOfBytes(MAX_FRAME_BYTES)))).ok).toBe(true);
      expect(parseClientFrame(buffer(bytes(frameOfBytes(MAX_FRAME_BYTES + 1))))).toEqual({
        ok: false,
        clientId: null,
        reason: "too_long",
      });
    });

    it("measures a string in UTF-8 bytes, not UTF-16 units", () => {
      // 6,000 "中" are 6,000 UTF-16 units but 18,000 bytes.
      const frame = sendFrame("中".repeat(6_000));
      expect(frame.length).toBeLessThan(MAX_FRAME_BYTES);
      expect(parseClientFrame(frame)).toEqual({ ok: false, clientId: null, reason: "too_long" });
    });

    it("refuses an oversized binary frame without reading it", () => {
      const huge = new ArrayBuffer(1024 * 1024); // all zero bytes: not even JSON
      expect(parseClientFrame(huge)).toEqual({ ok: false, clientId: null, reason: "too_long" });
    });

    it("refuses a huge string frame", () => {
      expect(parseClientFrame("x".repeat(1024 * 1024))).toEqual({
        ok: false,
        clientId: null,
        reason: "too_long",
      });
    });
  });

  it("calls invalid UTF-8 invalid", () => {
    const clientId = uuid();
    const before = bytes(`{"type":"send","clientId":"${clientId}","body":"a`);
    const after = bytes('b"}');
    // A lone 0xff, a truncated two-byte sequence, an encoded surrogate, an overlong "/".
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
      const broken = new Uint8Array([...before, ...bad, ...after]);
      expect(parseClientFrame(buffer(broken))).toEqual({
        ok: false,
        clientId: null,
        reason: "invalid",
      });
    }
    expect(parseClientFrame(buffer(new Uint8Array([...before, ...after]))).ok).toBe(true);
  });

  it("does not pollute Object.prototype through __proto__", () => {
    const clientId = uuid();
    const raw = `{"type":"send","clientId":"${clientId}","body":"x","__proto__":{"polluted":1}}`;
    const parsed = parseClientFrame(raw);
    expect(parsed).toEqual({ ok: true, frame: { type: "send", clientId, body: "x" } });
    expect(Reflect.get({}, "polluted")).toBeUndefined();
    expect(Reflect.get(Object.prototype, "polluted")).toBeUndefined();
    if (parsed.ok) {
      expect(Object.getPrototypeOf(parsed.frame)).toBe(Object.prototype);
      expect(Reflect.get(parsed.frame, "polluted")).toBeUndefined();
    }
  });

  it("does not pollute through constructor.prototype either", () => {
    const clientId = uuid();
    const raw = `{"type":"send","clientId":"${clientId}","body":"x","constructor":{"prototype":{"polluted":1}}}`;
    expect(parseClientFrame(raw).ok).toBe(true);
    expect(Reflect.get({}, "polluted")).toBeUndefined();
  });

  it.each([5_000, 8_000])("rejects %i levels of nested arrays without throwing", (depth) => {
    const raw = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(raw.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(parseClientFrame(raw)).toEqual({ ok: false, clientId: null, reason: "invalid" });
  });

  it("rejects 10,000 levels of nesting (over the size limit) without throwing", () => {
    const raw = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    expect(parseClientFrame(raw)).toEqual({ ok: false, clientId: null, reason: "too_long" });
    expect(parseClientFrame(buffer(bytes(raw)))).toEqual({
      ok: false,
      clientId: null,
      reason: "too_long",
    });
  });

  it("rejects deeply nested objects in a field without throwing", () => {
    const clientId = uuid();
    const depth = 2_500;
    const nested = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const raw = `{"type":"send","clientId":"${clientId}","body":${nested}}`;
    expect(raw.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(parseClientFrame(raw)).toEqual({ ok: false, clientId, reason: "invalid" });
  });
});

describe("parseServerFrame", () => {
  it("reads a frame of the protocol", () => {
    const frame = { type: "deleted", id: 3 };
    expect(parseServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it.each([
    ["not JSON", "{nope"],
    ["an unknown type", JSON.stringify({ type: "shout" })],
    ["a frame of the wrong shape", JSON.stringify({ type: "presence", users: "everyone" })],
    ["a bare value", "42"],
  ])("returns null for %s", (_name, data) => {
    expect(parseServerFrame(data)).toBeNull();
  });
});

describe("utf8LengthOver", () => {
  it("agrees with TextEncoder around the limit, surrogates and lone halves included", () => {
    const samples = ["a", "é", "€", "😀", "\ud800", "\udc00x", "a😀é€"];
    for (const unit of samples) {
      for (const n of [1, 5, 100, 1_000]) {
        const text = unit.repeat(n);
        const bytes = new TextEncoder().encode(text).byteLength;
        for (const max of [bytes - 1, bytes, bytes + 1]) {
          expect(utf8LengthOver(text, max), `${JSON.stringify(unit)}×${n} vs ${max}`).toBe(
            bytes > max,
          );
        }
      }
    }
  });

  it("refuses a huge string without encoding it", () => {
    const encode = vi.spyOn(TextEncoder.prototype, "encode");
    try {
      expect(parseClientFrame("x".repeat(1_000_000))).toEqual({
        ok: false,
        clientId: null,
        reason: "too_long",
      });
      expect(parseClientFrame("€".repeat(MAX_FRAME_BYTES / 2))).toMatchObject({ ok: false });
      expect(encode).not.toHaveBeenCalled();
    } finally {
      encode.mockRestore();
    }
  });
});
