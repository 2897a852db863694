/**
 * WebSocket close codes the room sends and what a client does about each, in one table shared
 * by the room (which closes with them) and every client (the page, test bots, bench clients).
 * 4000-4999 are free for applications.
 */
export const CLOSE = {
  /**
   * The socket's room token expired. Nothing is wrong: the client fetches a fresh token and
   * reconnects (the token route re-checks bans and roles then), and re-sends what was pending.
   */
  tokenExpired: 4001,
  /** Removed by a moderator (banned): the token route says why, and reconnecting cannot help. */
  kicked: 4003,
  /** This user already holds the most sockets the room allows in this channel. */
  tooManySockets: 4008,
  /** The standard "policy violation": the socket kept sending frames the room cannot read. */
  invalidFrames: 1008,
} as const;

/** What a client does after a close: stop for good (and, when kicked, ask why), or reconnect. */
export type CloseAction = "stop-and-ask-why" | "stop" | "reconnect";

/** The client's response to a close code; anything the room did not choose means "try again". */
export function afterClose(code: number): CloseAction {
  if (code === CLOSE.kicked) return "stop-and-ask-why";
  if (code === CLOSE.tooManySockets) return "stop";
  // Listed although it is the default: an expired token must never stop the page.
  if (code === CLOSE.tokenExpired) return "reconnect";
  return "reconnect";
}
