import { describe, expect, it } from "vitest";
import { catchUp } from "@/components/chat/catch-up";
import { mergeById } from "@/components/chat/timeline";
import type { ChatMessage, HistoryPage } from "@/party/protocol";
import { chatMessage } from "./fixtures";

/** A channel's stored history, served in pages as GET …/messages?after=ID does. */
function history(count: number, pageSize: number) {
  const stored = Array.from({ length: count }, (_, i) => chatMessage({ id: i + 1 }));
  const asked: number[] = [];
  const fetchPage = async (after: number): Promise<HistoryPage> => {
    asked.push(after);
    const newer = stored.filter((m) => m.id > after);
    return { messages: newer.slice(0, pageSize), hasMore: newer.length > pageSize };
  };
  return { stored, asked, fetchPage };
}

describe("catchUp", () => {
  it("pages from the last id held until there is no more", async () => {
    const { stored, asked, fetchPage } = history(450, 200);
    let held: ChatMessage[] = stored.slice(0, 10);
    await catchUp({ after: 10, fetchPage, merge: (m) => (held = mergeById(held, m)) });
    expect(asked).toEqual([10, 210, 410]);
    expect(held.map((m) => m.id)).toEqual(stored.map((m) => m.id));
  });

  it("misses nothing when live messages newer than the page arrive during the catch-up", async () => {
    const { stored, asked, fetchPage } = history(500, 200);
    let held: ChatMessage[] = stored.slice(0, 10);
    const live = stored[499] as ChatMessage;
    await catchUp({
      after: 10,
      fetchPage: async (after) => {
        const page = await fetchPage(after);
        // The room broadcasts message 500 while the first page is on its way.
        if (asked.length === 1) held = mergeById(held, [live]);
        return page;
      },
      merge: (m) => (held = mergeById(held, m)),
    });
    expect(asked).toEqual([10, 210, 410]);
    expect(held.map((m) => m.id)).toEqual(stored.map((m) => m.id));
  });

  it("stops when told to, and on an empty page even if it claims more", async () => {
    const { asked, fetchPage } = history(500, 200);
    let stop = false;
    await catchUp({
      after: 0,
      fetchPage: async (after) => {
        stop = true;
        return fetchPage(after);
      },
      merge: () => {},
      stopped: () => stop,
    });
    expect(asked).toEqual([0]);
    let calls = 0;
    await catchUp({
      after: 0,
      fetchPage: async () => {
        calls++;
        return { messages: [], hasMore: true };
      },
      merge: () => {},
    });
    expect(calls).toBe(1);
  });
});
