/**
 * A person's own room as plain code: who may open it, passing events on to every page they have
 * open, and the mention reminder that asks the app whether a web push is due. The PartyServer
 * class (user-server.ts) only adapts the runtime's callbacks to this, so unit tests drive it with
 * fake sockets and a fake clock.
 */
import { CLOSE } from "./close-codes";
import type { UserCommand, UserFrame } from "./protocol";
import type { RoomUser } from "./token";

/** A room name is the person's id; anything else names no one's room. */
const USER_ID = /^[1-9]\d{0,15}$/;

/** The channel claim a token for this person's room carries: `user:<id>`. */
export function userRoomClaim(userId: number | string): string {
  return `user:${userId}`;
}

/** True for a claim that names a person's room: a channel room must never accept one. */
export function isUserRoomClaim(claim: string): boolean {
  return claim.startsWith("user:");
}

/** The person a room name stands for, or null when the name is not a user id. */
export function userIdOfRoom(name: string): number | null {
  if (!USER_ID.test(name)) return null;
  const id = Number(name);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * Whether a verified token's user may open the room called `roomName`: only its owner. The
 * claim check (user:<id>) already ties a token to one room; this holds even if a token were
 * minted with a mismatched claim.
 */
export function mayOpen(roomName: string, user: RoomUser): boolean {
  const owner = userIdOfRoom(roomName);
  return owner !== null && owner === user.id;
}

/** What the room keeps on each socket (survives hibernation). */
export type UserSocketState = { userId: number; expiresAt: number };

export interface UserSocket {
  readonly id: string;
  readonly state: UserSocketState | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** The default most pages one person may hold open at once (MAX_SOCKETS_PER_USER). */
export const DEFAULT_USER_SOCKETS = 20;

/**
 * The per-user room's behaviour given its open sockets. One person owns the room, so the
 * per-user cap is simply the room's socket count.
 */
export class UserRoom {
  constructor(
    private readonly sockets: () => Iterable<UserSocket>,
    private readonly options: { maxSockets?: number; now?: () => number } = {},
  ) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** A socket whose token was verified has opened; false when it was refused (and closed). */
  connect(socket: UserSocket, roomName: string, user: RoomUser): boolean {
    if (!mayOpen(roomName, user)) {
      closeQuietly(socket, 1008, "This room is someone else's");
      return false;
    }
    let others = 0;
    for (const s of this.sockets()) if (s.id !== socket.id) others++;
    if (others >= (this.options.maxSockets ?? DEFAULT_USER_SOCKETS)) {
      closeQuietly(socket, CLOSE.tooManySockets, "Too many open pages");
      return false;
    }
    return true;
  }

  /**
   * Passes the command's events to every open socket, one frame per event, in order; returns how
   * many sockets took them (a socket whose token ran out is closed instead, and not counted).
   */
  deliver(command: UserCommand): number {
    const frames = command.events.map((event) =>
      JSON.stringify({ type: "event", event } satisfies UserFrame),
    );
    let delivered = 0;
    const now = this.now;
    for (const socket of [...this.sockets()]) {
      if (socket.state && socket.state.expiresAt <= now) {
        closeQuietly(socket, CLOSE.tokenExpired, "Room token expired");
        continue;
      }
      try {
        for (const frame of frames) socket.send(frame);
        delivered++;
      } catch {
        // Closing already; the page recounts from MySQL when it reconnects.
      }
    }
    return delivered;
  }

  /** Closes those of `sockets` whose token has expired; returns how many. */
  expire(sockets: Iterable<UserSocket>): number {
    const now = this.now;
    let closed = 0;
    for (const socket of [...sockets]) {
      if (socket.state && socket.state.expiresAt <= now) {
        closeQuietly(socket, CLOSE.tokenExpired, "Room token expired");
        closed++;
      }
    }
    return closed;
  }

  /** Open sockets now (what the push-due call tells the app). */
  count(): number {
    let n = 0;
    for (const _ of this.sockets()) n++;
    return n;
  }
}

// ---- the mention reminder --------------------------------------------------------------------

/** The default grace period after a mention before the app is asked about a push (PUSH_DELAY_MS). */
export const DEFAULT_PUSH_DELAY_MS = 60_000;
/** Failed push-due calls are retried this many times, waiting longer each time. */
export const PUSH_RETRIES = 4;
const RETRY_BASE_MS = 5_000;

/** A pending reminder: when the app is asked next, and how many calls in a row have failed. */
export type Reminder = { dueAt: number; failures: number };

/**
 * A mention arrived: the reminder is due `delayMs` from now, unless one is already pending (it
 * comes sooner, and the app looks at every unread mention when asked).
 */
export function remindAfterMention(
  current: Reminder | null,
  now: number,
  delayMs: number,
): Reminder {
  return current ?? { dueAt: now + delayMs, failures: 0 };
}

/** What the push-due call came back with: a status and body, or a network failure. */
export type PushAnswer = { status: number; body: unknown } | { failed: true };

/**
 * The reminder after a push-due call: the app may ask to be called again (`nextDueAt`, ISO or
 * ms); a failure (network or 5xx) is retried with backoff a few times; any other answer (a 404
 * from an app without the route, a 4xx) ends it, since asking again cannot change it.
 */
export function reminderAfter(
  answer: PushAnswer,
  previous: Reminder,
  now: number,
): Reminder | null {
  if ("failed" in answer || answer.status >= 500) {
    const failures = previous.failures + 1;
    if (failures > PUSH_RETRIES) return null;
    return { dueAt: now + RETRY_BASE_MS * 2 ** (failures - 1), failures };
  }
  if (answer.status < 200 || answer.status >= 300) return null;
  const next = nextDueAt(answer.body);
  // Never sooner than a second from now, so a confused answer cannot spin the alarm.
  return next === null ? null : { dueAt: Math.max(next, now + 1_000), failures: 0 };
}

function nextDueAt(body: unknown): number | null {
  if (typeof body !== "object" || body === null || !("nextDueAt" in body)) return null;
  const value = (body as { nextDueAt: unknown }).nextDueAt;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : at;
  }
  return null;
}

/** The one alarm a Durable Object has serves both the expiry sweep and the reminder. */
export function nextAlarm(sweepAt: number | null, reminder: Reminder | null): number | null {
  const times = [sweepAt, reminder?.dueAt ?? null].filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}

function closeQuietly(socket: UserSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closed.
  }
}
