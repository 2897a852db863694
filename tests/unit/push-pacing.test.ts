import { describe, expect, it } from "vitest";
import {
  type HeldChannel,
  holdMentions,
  type PacingState,
  PUSH_CHANNEL_GAP_MS,
  PUSH_DELAY_MS,
  planPushes,
} from "@/app/_lib/push/pacing";

/** A fake clock: minutes and seconds after a fixed start. */
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
const at = (ms: number) => new Date(T0 + ms);
const sec = (s: number) => s * 1000;
const min = (m: number) => m * 60_000;

/** The held state as MySQL would give it back, plus what dispatch reads beside it. */
function held(state: PacingState, extra: Partial<HeldChannel> = {}): HeldChannel {
  return {
    ...state,
    channelId: 7,
    lastReadId: 0,
    muted: false,
    unreadMentions: state.heldCount,
    ...extra,
  };
}

const open = { sockets: 0, devices: 1 };

describe("holdMentions", () => {
  it("makes a first mention due after the 60 s grace", () => {
    const state = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    expect(state).toEqual({
      heldCount: 1,
      heldUpToId: 10,
      dueAt: at(PUSH_DELAY_MS),
      lastSentAt: null,
    });
  });

  it("adds to what is held, keeps the newest id, and gives the latest mention its grace", () => {
    const first = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const second = holdMentions(first, { count: 2, upToId: 9 }, at(sec(30)));
    expect(second.heldCount).toBe(3);
    expect(second.heldUpToId).toBe(10);
    expect(second.dueAt).toEqual(at(sec(30) + PUSH_DELAY_MS));
  });

  it("holds a mention inside the gap until the gap ends", () => {
    const sent: PacingState = { heldCount: 0, heldUpToId: 10, dueAt: null, lastSentAt: at(0) };
    const state = holdMentions(sent, { count: 1, upToId: 11 }, at(min(1)));
    expect(state.dueAt).toEqual(at(PUSH_CHANNEL_GAP_MS));
    // Late in the gap, the grace is the later of the two.
    const late = holdMentions(sent, { count: 1, upToId: 12 }, at(min(4) + sec(30)));
    expect(late.dueAt).toEqual(at(min(5) + sec(30)));
  });
});

describe("planPushes", () => {
  it("waits until the mention is due, and says when to call again", () => {
    const state = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const plan = planPushes([held(state)], { ...open, now: at(sec(59)) });
    expect(plan.decisions).toEqual([{ channelId: 7, action: "wait", dueAt: at(sec(60)) }]);
    expect(plan.nextDueAt).toEqual(at(sec(60)));
  });

  it("sends one push for a single unread mention once the 60 s are over", () => {
    const state = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const plan = planPushes([held(state)], { ...open, now: at(sec(60)) });
    expect(plan.decisions).toEqual([{ channelId: 7, action: "send", count: 1 }]);
    expect(plan.nextDueAt).toBeNull();
  });

  it("sends nothing when the mention was read on any device within the 60 s", () => {
    const state = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const plan = planPushes([held(state, { lastReadId: 10, unreadMentions: 0 })], {
      ...open,
      now: at(sec(61)),
    });
    expect(plan.decisions).toEqual([{ channelId: 7, action: "drop", reason: "read" }]);
  });

  it("sends nothing for a muted channel", () => {
    const state = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const plan = planPushes([held(state, { muted: true })], { ...open, now: at(min(2)) });
    expect(plan.decisions).toEqual([{ channelId: 7, action: "drop", reason: "muted" }]);
  });

  it("pushes nothing while a page is open: the page shows its own notice", () => {
    const state = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const plan = planPushes([held(state)], { sockets: 2, devices: 1, now: at(min(2)) });
    expect(plan.decisions).toEqual([{ channelId: 7, action: "drop", reason: "page_open" }]);
  });

  it("drops mentions whose messages were deleted, and those of a person with no device", () => {
    const state = holdMentions(null, { count: 2, upToId: 10 }, at(0));
    expect(
      planPushes([held(state, { unreadMentions: 0 })], { ...open, now: at(min(2)) }).decisions,
    ).toEqual([{ channelId: 7, action: "drop", reason: "gone" }]);
    expect(
      planPushes([held(state)], { sockets: 0, devices: 0, now: at(min(2)) }).decisions,
    ).toEqual([{ channelId: 7, action: "drop", reason: "no_device" }]);
  });

  it("after a push, holds what comes inside 5 minutes and sends it as one digest with the count", () => {
    // Pushed at 0; three mentions come at 1, 2 and 3 minutes.
    let state: PacingState = { heldCount: 0, heldUpToId: 10, dueAt: null, lastSentAt: at(0) };
    state = holdMentions(state, { count: 1, upToId: 11 }, at(min(1)));
    state = holdMentions(state, { count: 1, upToId: 12 }, at(min(2)));
    state = holdMentions(state, { count: 1, upToId: 13 }, at(min(3)));
    // The room's alarm fires 60 s after the last one: too early, the gap still runs.
    const early = planPushes([held(state)], { ...open, now: at(min(4)) });
    expect(early.decisions).toEqual([{ channelId: 7, action: "wait", dueAt: at(min(5)) }]);
    expect(early.nextDueAt).toEqual(at(min(5)));
    // Called again at nextDueAt: one digest of three.
    const due = planPushes([held(state)], { ...open, now: at(min(5)) });
    expect(due.decisions).toEqual([{ channelId: 7, action: "send", count: 3 }]);
  });

  it("counts only the held mentions still unread in the digest", () => {
    const state = holdMentions(null, { count: 3, upToId: 13 }, at(0));
    const plan = planPushes([held(state, { lastReadId: 11, unreadMentions: 2 })], {
      ...open,
      now: at(min(1)),
    });
    expect(plan.decisions).toEqual([{ channelId: 7, action: "send", count: 2 }]);
  });

  it("never sends twice inside the gap, even for a row whose due time says otherwise", () => {
    const state: PacingState = {
      heldCount: 1,
      heldUpToId: 11,
      dueAt: at(sec(1)),
      lastSentAt: at(0),
    };
    const plan = planPushes([held(state)], { ...open, now: at(min(2)) });
    expect(plan.decisions).toEqual([
      { channelId: 7, action: "wait", dueAt: at(PUSH_CHANNEL_GAP_MS) },
    ]);
  });

  it("decides per channel, and names the earliest channel still waiting", () => {
    const a = holdMentions(null, { count: 1, upToId: 10 }, at(0));
    const b = holdMentions(null, { count: 1, upToId: 20 }, at(min(1)));
    const c = holdMentions(null, { count: 1, upToId: 30 }, at(min(2)));
    const plan = planPushes(
      [held(a, { channelId: 1 }), held(b, { channelId: 2 }), held(c, { channelId: 3 })],
      { ...open, now: at(min(1) + sec(30)) },
    );
    expect(plan.decisions.map((d) => [d.channelId, d.action])).toEqual([
      [1, "send"],
      [2, "wait"],
      [3, "wait"],
    ]);
    expect(plan.nextDueAt).toEqual(at(min(2)));
  });

  it("ignores channels with nothing held", () => {
    const idle: PacingState = { heldCount: 0, heldUpToId: 10, dueAt: null, lastSentAt: at(0) };
    expect(planPushes([held(idle)], { ...open, now: at(min(9)) })).toEqual({
      decisions: [],
      nextDueAt: null,
    });
  });
});
