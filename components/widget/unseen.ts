import type { ChatMessage } from "@/party/protocol";

/**
 * How many answers the visitor has not seen: messages by someone else (an agent) after the
 * newest one the visitor's panel showed. Counted for the launcher's badge while the panel is
 * hidden on the host page.
 */
export function unseenAnswers(
  messages: ChatMessage[],
  visitorId: number,
  shownUpTo: number,
): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message || message.id <= shownUpTo) break;
    if (message.author.id !== visitorId) count++;
  }
  return count;
}
