import { describe, expect, it } from "vitest";
import { MAX_REACTIONS_PER_FRAME, type ReactionEvent, type ServerFrame } from "@/party/protocol";
import { ReactionGather } from "@/party/reaction-gather";

const event = (messageId: number, added = true): ReactionEvent => ({
  messageId,
  emoji: "👍",
  user: { id: 7, name: "Ann" },
  added,
  count: added ? 1 : 0,
});

/** A gather with a clock and a timer list the test moves by hand. */
function setup(gatherMs = 200) {
  let time = 1_000;
  const timers: { at: number; fn: () => void }[] = [];
  const sent: ServerFrame[] = [];
  const gather = new ReactionGather({
    broadcast: (frame) => sent.push(frame),
    now: () => time,
    defer: (fn, ms) => timers.push({ at: time + ms, fn }),
    gatherMs,
  });
  const advance = (ms: number) => {
    time += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= time) t.fn();
      else timers.push(t);
    }
  };
  return { gather, sent, timers, advance };
}

describe("ReactionGather", () => {
  it("sends a lone reaction at once as a plain reaction frame", () => {
    const { gather, sent, timers } = setup();
    gather.add(event(1));
    expect(sent).toEqual([{ type: "reaction", event: event(1) }]);
    expect(timers).toHaveLength(0);
  });

  it("gathers what follows within the window into one frame, in arrival order", () => {
    const { gather, sent, advance } = setup();
    gather.add(event(1));
    advance(50);
    gather.add(event(2));
    gather.add(event(3, false));
    expect(sent).toHaveLength(1);
    expect(gather.size).toBe(2);
    advance(149);
    expect(sent).toHaveLength(1);
    advance(1);
    expect(sent).toEqual([
      { type: "reaction", event: event(1) },
      { type: "reactions", events: [event(2), event(3, false)] },
    ]);
    expect(gather.size).toBe(0);
  });

  it("sends at most one frame per window under a steady stream", () => {
    const { gather, sent, advance } = setup();
    // 20 a second for two seconds.
    for (let i = 0; i < 40; i++) {
      gather.add(event(i + 1));
      advance(50);
    }
    advance(200);
    expect(sent.length).toBeLessThanOrEqual(11);
    const events = sent.flatMap((f) =>
      f.type === "reaction" ? [f.event] : f.type === "reactions" ? f.events : [],
    );
    expect(events.map((e) => e.messageId)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("goes at once again after a quiet window", () => {
    const { gather, sent, advance } = setup();
    gather.add(event(1));
    advance(200);
    gather.add(event(2));
    expect(sent).toEqual([
      { type: "reaction", event: event(1) },
      { type: "reaction", event: event(2) },
    ]);
  });

  it("splits a window's events into frames the protocol accepts", () => {
    const { gather, sent, advance } = setup();
    gather.add(event(1));
    for (let i = 0; i < MAX_REACTIONS_PER_FRAME + 1; i++) gather.add(event(i + 2));
    advance(200);
    expect(sent.map((f) => (f.type === "reactions" ? f.events.length : 1))).toEqual([
      1,
      MAX_REACTIONS_PER_FRAME,
      1,
    ]);
  });
});
