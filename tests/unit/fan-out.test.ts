import { describe, expect, it } from "vitest";
import { storedFrames } from "@/party/fan-out";
import { type ChatMessage, serverFrameSchema } from "@/party/protocol";
import { chatMessage } from "./fixtures";

const message = (id: number, body = `m${id}`): ChatMessage => chatMessage({ id, body });
const ids = (frames: ReturnType<typeof storedFrames>) =>
  frames.map((f) =>
    f.type === "message"
      ? [f.message.id]
      : f.type === "messages"
        ? f.messages.map((m) => m.id)
        : [],
  );

describe("storedFrames", () => {
  it("sends nothing for no messages", () => {
    expect(storedFrames([])).toEqual([]);
  });

  it("keeps a lone message in the plain message frame", () => {
    const m = message(1);
    expect(storedFrames([m])).toEqual([{ type: "message", message: m }]);
  });

  it("sends a batch as one frame, in the order given", () => {
    const frames = storedFrames([message(1), message(2), message(3)]);
    expect(frames.map((f) => f.type)).toEqual(["messages"]);
    expect(ids(frames)).toEqual([[1, 2, 3]]);
  });

  it("splits a batch whose bodies would make a frame too big, keeping order", () => {
    const long = (id: number) => message(id, "x".repeat(40));
    const frames = storedFrames([long(1), long(2), long(3), long(4), long(5)], 100);
    expect(ids(frames)).toEqual([[1, 2], [3, 4], [5]]);
    expect(frames.map((f) => f.type)).toEqual(["messages", "messages", "message"]);
  });

  it("gives a message longer than the limit a frame of its own", () => {
    const frames = storedFrames([message(1, "a"), message(2, "b".repeat(500)), message(3)], 100);
    expect(ids(frames)).toEqual([[1], [2], [3]]);
  });

  it("makes frames the protocol accepts", () => {
    const frames = storedFrames(Array.from({ length: 100 }, (_, i) => message(i + 1)));
    for (const f of frames) expect(serverFrameSchema.parse(f)).toEqual(f);
  });
});
