import { describe, expect, it } from "vitest";
import { mergeById, type Timeline, timelineReducer } from "@/components/chat/timeline";
import type { ChatMessage } from "@/party/protocol";
import { chatMessage, uuid } from "./fixtures";

const ME = 1;
const AT = "2025-01-01T12:00:00.000Z";
const OTHER = 2;
const mine = (overrides: Partial<ChatMessage> = {}) =>
  chatMessage({ author: { id: ME, name: "Me", image: null, role: "member" }, ...overrides });
const theirs = (overrides: Partial<ChatMessage> = {}) =>
  chatMessage({ author: { id: OTHER, name: "Them", image: null, role: "member" }, ...overrides });

const empty = (): Timeline => ({ me: ME, messages: [], pending: [] });
const ids = (messages: ChatMessage[]) => messages.map((m) => m.id);

describe("timeline", () => {
  describe("mergeById", () => {
    it("returns the current array itself when nothing comes in", () => {
      const current = [chatMessage({ id: 1 })];
      expect(mergeById(current, [])).toBe(current);
    });

    it("appends one newer message (the live fast path) without touching the input", () => {
      const current = [chatMessage({ id: 1 }), chatMessage({ id: 2 })];
      const next = chatMessage({ id: 3 });
      const merged = mergeById(current, [next]);
      expect(ids(merged)).toEqual([1, 2, 3]);
      expect(merged[2]).toBe(next);
      expect(ids(current)).toEqual([1, 2]);
    });

    it("appends to an empty list", () => {
      expect(ids(mergeById([], [chatMessage({ id: 5 })]))).toEqual([5]);
    });

    it("sorts an older single message into place", () => {
      const current = [chatMessage({ id: 1 }), chatMessage({ id: 5 })];
      expect(ids(mergeById(current, [chatMessage({ id: 3 })]))).toEqual([1, 3, 5]);
    });

    it("dedupes by id and sorts ascending", () => {
      const current = [1, 4, 6].map((id) => chatMessage({ id }));
      const incoming = [7, 2, 4, 3, 6, 2].map((id) => chatMessage({ id }));
      expect(ids(mergeById(current, incoming))).toEqual([1, 2, 3, 4, 6, 7]);
    });

    it("merges an older page before the current messages", () => {
      const current = [10, 11, 12].map((id) => chatMessage({ id }));
      const older = [7, 8, 9].map((id) => chatMessage({ id }));
      expect(ids(mergeById(current, older))).toEqual([7, 8, 9, 10, 11, 12]);
    });

    it("replaces a held message with the incoming copy of the same id", () => {
      const original = chatMessage({ id: 2, body: "old" });
      const edited = { ...original, body: "new", editedAt: "2025-01-02T00:00:00.000Z" };
      const current = [chatMessage({ id: 1 }), original, chatMessage({ id: 3 })];
      const merged = mergeById(current, [edited]);
      expect(ids(merged)).toEqual([1, 2, 3]);
      expect(merged[1]).toBe(edited);
    });

    it("replaces the last message when its copy arrives again", () => {
      const last = chatMessage({ id: 2, body: "old" });
      const merged = mergeById([chatMessage({ id: 1 }), last], [{ ...last, body: "new" }]);
      expect(merged.map((m) => m.body)).toEqual(["message 1", "new"]);
    });

    it("lets the later of two incoming copies win", () => {
      const a = chatMessage({ id: 4, body: "first" });
      const merged = mergeById([], [a, { ...a, body: "second" }]);
      expect(merged.map((m) => m.body)).toEqual(["second"]);
    });
  });

  describe("timelineReducer", () => {
    it("queued adds a sending pending message, once per clientId", () => {
      const clientId = uuid();
      const queued = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      expect(queued.pending).toEqual([
        { clientId, body: "hi", status: "sending", reason: null, until: null, queuedAt: AT },
      ]);
      expect(timelineReducer(queued, { type: "queued", clientId, body: "hi", at: AT })).toBe(
        queued,
      );
    });

    it("keeps pending messages in the order they were queued", () => {
      let state = empty();
      for (const body of ["a", "b", "c"]) {
        state = timelineReducer(state, { type: "queued", clientId: uuid(), body, at: AT });
      }
      expect(state.pending.map((p) => p.body)).toEqual(["a", "b", "c"]);
    });

    it("settles my pending message when my stored copy is merged", () => {
      const clientId = uuid();
      const other = uuid();
      let state = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      state = timelineReducer(state, { type: "queued", clientId: other, body: "later", at: AT });
      const stored = mine({ id: 10, clientId, body: "hi" });
      state = timelineReducer(state, { type: "merge", messages: [stored] });
      expect(state.messages).toEqual([stored]);
      expect(state.pending.map((p) => p.clientId)).toEqual([other]);
    });

    it("settles a failed pending message too when its stored copy arrives", () => {
      const clientId = uuid();
      let state = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      state = timelineReducer(state, { type: "rejected", clientId, reason: "unavailable" });
      state = timelineReducer(state, { type: "merge", messages: [mine({ clientId })] });
      expect(state.pending).toEqual([]);
    });

    it("does not settle my pending message with someone else's message of the same clientId", () => {
      const clientId = uuid();
      let state = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      const forged = theirs({ id: 11, clientId, body: "hi" });
      state = timelineReducer(state, { type: "merge", messages: [forged] });
      expect(state.messages).toEqual([forged]);
      expect(state.pending).toEqual([
        { clientId, body: "hi", status: "sending", reason: null, until: null, queuedAt: AT },
      ]);
    });

    it("decides whose message it is by the timeline's own user id (me)", () => {
      const clientId = uuid();
      const state: Timeline = {
        me: OTHER,
        messages: [],
        pending: [
          { clientId, body: "x", status: "sending", reason: null, until: null, queuedAt: AT },
        ],
      };
      const next = timelineReducer(state, { type: "merge", messages: [mine({ clientId })] });
      expect(next.pending).toHaveLength(1);
      const settled = timelineReducer(state, { type: "merge", messages: [theirs({ clientId })] });
      expect(settled.pending).toEqual([]);
    });

    it("yields a message once when it is merged twice", () => {
      const m = theirs({ id: 20 });
      let state = timelineReducer(empty(), { type: "merge", messages: [m] });
      state = timelineReducer(state, { type: "merge", messages: [m] });
      state = timelineReducer(state, { type: "merge", messages: [m, m] });
      expect(ids(state.messages)).toEqual([20]);
    });

    it("returns the same state for an empty merge", () => {
      const state = timelineReducer(empty(), { type: "merge", messages: [theirs()] });
      expect(timelineReducer(state, { type: "merge", messages: [] })).toBe(state);
    });

    it("rejected marks the pending message failed with the reason", () => {
      const clientId = uuid();
      const other = uuid();
      let state = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      state = timelineReducer(state, { type: "queued", clientId: other, body: "ok", at: AT });
      state = timelineReducer(state, { type: "rejected", clientId, reason: "too_long" });
      expect(state.pending).toEqual([
        { clientId, body: "hi", status: "failed", reason: "too_long", until: null, queuedAt: AT },
        { clientId: other, body: "ok", status: "sending", reason: null, until: null, queuedAt: AT },
      ]);
    });

    it("a rejection for an unknown clientId changes nothing", () => {
      const state = timelineReducer(empty(), {
        type: "queued",
        clientId: uuid(),
        body: "hi",
        at: AT,
      });
      const next = timelineReducer(state, {
        type: "rejected",
        clientId: uuid(),
        reason: "invalid",
      });
      expect(next.pending).toEqual(state.pending);
    });

    it("retrying turns a failed message back to sending and clears the reason", () => {
      const clientId = uuid();
      let state = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      state = timelineReducer(state, { type: "rejected", clientId, reason: "rate_limited" });
      state = timelineReducer(state, { type: "retrying", clientId });
      expect(state.pending).toEqual([
        { clientId, body: "hi", status: "sending", reason: null, until: null, queuedAt: AT },
      ]);
    });

    it("discard drops only that pending message", () => {
      const [a, b] = [uuid(), uuid()];
      let state = timelineReducer(empty(), { type: "queued", clientId: a, body: "a", at: AT });
      state = timelineReducer(state, { type: "queued", clientId: b, body: "b", at: AT });
      state = timelineReducer(state, { type: "discard", clientId: a });
      expect(state.pending.map((p) => p.clientId)).toEqual([b]);
    });

    it("deleted removes the message with that id and nothing else", () => {
      const messages = [1, 2, 3].map((id) => theirs({ id }));
      const clientId = uuid();
      let state = timelineReducer(empty(), { type: "merge", messages });
      state = timelineReducer(state, { type: "queued", clientId, body: "p", at: AT });
      state = timelineReducer(state, { type: "deleted", id: 2 });
      expect(ids(state.messages)).toEqual([1, 3]);
      expect(state.pending).toHaveLength(1);
      expect(ids(timelineReducer(state, { type: "deleted", id: 99 }).messages)).toEqual([1, 3]);
    });

    it("changed drops deleted ids and replaces edited messages the page holds", () => {
      const messages = [1, 2, 3, 4].map((id) => theirs({ id, body: `m${id}` }));
      let state = timelineReducer(empty(), { type: "merge", messages });
      state = timelineReducer(state, {
        type: "changed",
        edited: [theirs({ id: 3, body: "m3, edited", editedAt: "2026-01-01T00:00:00.000Z" })],
        deletedIds: [2, 4, 99],
      });
      expect(state.messages.map((m) => [m.id, m.body])).toEqual([
        [1, "m1"],
        [3, "m3, edited"],
      ]);
    });

    it("changed keeps a newer live edit over an older one from the answer", () => {
      const later = theirs({ id: 1, body: "second edit", editedAt: "2026-01-01T00:00:02.000Z" });
      const state = timelineReducer(empty(), { type: "merge", messages: [later] });
      const next = timelineReducer(state, {
        type: "changed",
        edited: [theirs({ id: 1, body: "first edit", editedAt: "2026-01-01T00:00:01.000Z" })],
        deletedIds: [],
      });
      expect(next.messages[0]?.body).toBe("second edit");
    });

    it("changed never adds a message the page did not hold", () => {
      const state = timelineReducer(empty(), {
        type: "merge",
        messages: [theirs({ id: 10 }), theirs({ id: 11 })],
      });
      const next = timelineReducer(state, {
        type: "changed",
        edited: [theirs({ id: 5, body: "an old one, edited" })],
        deletedIds: [],
      });
      expect(ids(next.messages)).toEqual([10, 11]);
    });

    it("changed with nothing in it keeps the state as it was", () => {
      const state = timelineReducer(empty(), { type: "merge", messages: [theirs({ id: 1 })] });
      expect(timelineReducer(state, { type: "changed", edited: [], deletedIds: [] })).toBe(state);
    });

    it("does not mutate the previous state", () => {
      const clientId = uuid();
      const start = timelineReducer(empty(), { type: "queued", clientId, body: "hi", at: AT });
      const snapshot = structuredClone(start);
      timelineReducer(start, { type: "rejected", clientId, reason: "muted" });
      timelineReducer(start, { type: "merge", messages: [mine({ clientId })] });
      timelineReducer(start, { type: "discard", clientId });
      expect(start).toEqual(snapshot);
    });
  });
});
