import { describe, expect, it } from "vitest";
import { storedFrames } from "@/party/fan-out";
import { isStoredFrame, readStoredMessages } from "../bench/frame-reader";
import { chatMessage } from "./fixtures";

/** A stored message as the bench sends it: due time, sender and sequence number in the body. */
const benchMessage = (id: number, s: number, n: number) =>
  chatMessage({ id, body: `t=1234.567;s=${s};n=${n};the quick brown fox` });

const readAll = (text: string) => {
  const seen: number[][] = [];
  const ok = readStoredMessages(text, (id, t, s, n) => {
    seen.push([id, t, s, n]);
    return true;
  });
  return { ok, seen };
};

describe("the bench's frame reader", () => {
  it("reads a lone message frame", () => {
    const [frame] = storedFrames([benchMessage(7, 2, 41)]);
    const text = JSON.stringify(frame);
    expect(isStoredFrame(text)).toBe(true);
    expect(readAll(text)).toEqual({ ok: true, seen: [[7, 1234.567, 2, 41]] });
  });

  it("reads every message of a batch frame, in order, past each author's own id", () => {
    const [frame] = storedFrames([
      benchMessage(7, 0, 0),
      benchMessage(8, 1, 0),
      benchMessage(9, 0, 1),
    ]);
    expect(frame?.type).toBe("messages");
    expect(isStoredFrame(JSON.stringify(frame))).toBe(true);
    expect(readAll(JSON.stringify(frame))).toEqual({
      ok: true,
      seen: [
        [7, 1234.567, 0, 0],
        [8, 1234.567, 1, 0],
        [9, 1234.567, 0, 1],
      ],
    });
  });

  it("stops when the ledger refuses a message", () => {
    const [frame] = storedFrames([benchMessage(1, 0, 0), benchMessage(2, 0, 1)]);
    let calls = 0;
    expect(readStoredMessages(JSON.stringify(frame), () => ++calls > 1)).toBe(false);
    expect(calls).toBe(1);
  });

  it("refuses a frame whose body is not the bench's", () => {
    const [frame] = storedFrames([chatMessage({ body: "hello" })]);
    expect(readAll(JSON.stringify(frame)).ok).toBe(false);
  });

  it("does not take presence or rejections for stored messages", () => {
    expect(isStoredFrame('{"type":"presence","users":[],"count":0}')).toBe(false);
    expect(isStoredFrame('{"type":"rejected","clientId":null,"reason":"invalid"}')).toBe(false);
  });
});
