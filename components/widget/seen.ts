import type { ChatMessage } from "@/party/protocol";

/**
 * Whether "Seen" shows under the visitor's messages: their newest stored message is at or below
 * what an agent has read. Only when that message is the newest of all, so "Seen" stands right
 * under it and never under an agent's answer.
 */
export function seenLine(messages: ChatMessage[], visitorId: number, agentSeenId: number): boolean {
  const last = messages.at(-1);
  if (!last || last.author.id !== visitorId) return false;
  return last.id <= agentSeenId;
}
