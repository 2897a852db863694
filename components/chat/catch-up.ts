import type { ChatMessage, HistoryPage } from "@/party/protocol";

/**
 * Fetches what a client missed while it was away: pages of messages after `after`, oldest
 * first, until there are no more. Each next page starts after the last message of the page
 * before, never after the newest message held: live messages keep arriving during the catch-up,
 * and starting after one of them would skip everything between the page and it.
 */
export async function catchUp(args: {
  /** The newest id the client held when the socket opened. */
  after: number;
  fetchPage: (after: number) => Promise<HistoryPage>;
  merge: (messages: ChatMessage[]) => void;
  stopped?: () => boolean;
  maxPages?: number;
}): Promise<void> {
  let after = args.after;
  for (let page = 0; page < (args.maxPages ?? 100) && !args.stopped?.(); page++) {
    const { messages, hasMore } = await args.fetchPage(after);
    args.merge(messages);
    const last = messages[messages.length - 1];
    if (!hasMore || !last) return;
    after = last.id;
  }
}
