/**
 * WebSocket close codes the room sends and what a client does about each, in one table shared
 * by the room (which closes with them) and every client (the page, test bots, bench clients).
 * 4000-4999 are free for applications.
 */
export const CLOSE = {
  /** Removed by a moderator (banned): the token route says why, and reconnecting cannot help. */
  kicked: 4003,
  /** This user already holds the most sockets the room allows in this channel. */
  tooManySockets: 4008,
} as const;

/** What a client does after a close: stop for good (and, when kicked, ask why), or reconnect. */
export type CloseAction = "stop-and-ask-why" | "stop" | "reconnect";

/** The client's response to a close code; anything the room did not choose means "try again". */
export function afterClose(code: number): CloseAction {
  if (code === CLOSE.kicked) return "stop-and-ask-why";
  if (code === CLOSE.tooManySockets) return "stop";
  return "reconnect";
}
