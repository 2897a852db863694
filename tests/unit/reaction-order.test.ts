import { describe, expect, it } from "vitest";
import { ReactionOrder } from "@/components/chat/reaction-order";
import type { ReactionEvent } from "@/party/protocol";

const ann = { id: 3, name: "Ann" };
const bo = { id: 2, name: "Bo" };
const event = (over: Partial<ReactionEvent>): ReactionEvent => ({
  messageId: 1,
  emoji: "👍",
  user: ann,
  added: true,
  count: 1,
  ...over,
});

describe("ReactionOrder", () => {
  it("admits events in version order as they are", () => {
    const order = new ReactionOrder();
    const first = event({ version: 10 });
    const second = event({ user: bo, count: 2, version: 11 });
    expect(order.admit(first, 0)).toBe(first);
    expect(order.admit(second, 1)).toBe(second);
  });

  it("keeps the newer count when an older event arrives late, but keeps its user change", () => {
    const order = new ReactionOrder();
    order.admit(event({ user: bo, count: 2, version: 11 }), 0);
    expect(order.admit(event({ user: ann, count: 1, version: 10 }), 2)).toEqual(
      event({ user: ann, count: 2, version: 10 }),
    );
  });

  it("drops an older change of a user whose newer change was seen", () => {
    const order = new ReactionOrder();
    order.admit(event({ added: false, count: 0, version: 11 }), 1);
    expect(order.admit(event({ added: true, count: 1, version: 10 }), 0)).toBeNull();
  });

  it("admits the same event again (a replay after a snapshot) the same way", () => {
    const order = new ReactionOrder();
    const e = event({ version: 10 });
    expect(order.admit(e, 0)).toBe(e);
    expect(order.admit(e, 0)).toBe(e);
  });

  it("orders each chip on its own: another emoji's or message's versions do not hold it back", () => {
    const order = new ReactionOrder();
    order.admit(event({ emoji: "🎉", version: 20 }), 0);
    order.admit(event({ messageId: 2, version: 30 }), 0);
    const e = event({ version: 10 });
    expect(order.admit(e, 0)).toBe(e);
  });

  it("applies an event without a version as it comes", () => {
    const order = new ReactionOrder();
    order.admit(event({ count: 5, version: 10 }), 0);
    const legacy = event({ count: 1 });
    expect(order.admit(legacy, 5)).toBe(legacy);
  });
});
