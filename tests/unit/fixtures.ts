/**
 * Shared builders and fakes for the unit tests: plain data, no runtime.
 */
import type { RoomHost, RoomSocket, SocketState } from "@/party/chat-room";
import {
  type ChatMessage,
  type ServerFrame,
  type StoreResult,
  serverFrameSchema,
} from "@/party/protocol";
import type { QueuedMessage } from "@/party/send-queue";
import type { RoomUser } from "@/party/token";

export const uuid = (): string => crypto.randomUUID();

let nextId = 1;

/** A stored chat message; every call gets a fresh id and clientId unless overridden. */
export function chatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  const id = overrides.id ?? nextId++;
  return {
    id,
    channelId: 1,
    clientId: uuid(),
    body: `message ${id}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, 0, id)).toISOString(),
    editedAt: null,
    author: { id: 1, name: "Ada", image: null, role: "member" },
    ...overrides,
  };
}

export function roomUser(overrides: Partial<RoomUser> = {}): RoomUser {
  return { id: 1, name: "Ada", image: null, role: "member", ...overrides };
}

/** A promise whose settlement the test controls. */
export type Deferred<T> = {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
};

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves after every pending microtask (promise callback) has run: one macrotask turn. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock that only moves when told to, with a sleep that advances it and resolves at once. */
export function fakeClock(start = 0) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: (): number => time,
    advance: (ms: number): void => {
      time += ms;
    },
    sleep: async (ms: number): Promise<void> => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** What a store function answers for one message: stored, with the next id. */
export function storedResult(m: QueuedMessage, id: number): Extract<StoreResult, { ok: true }> {
  return {
    clientId: m.clientId,
    ok: true,
    message: chatMessage({
      id,
      clientId: m.clientId,
      body: m.body,
      author: { id: m.authorId, name: `user ${m.authorId}`, image: null, role: "member" },
    }),
  };
}

/** A store that stores everything, numbering messages from `firstId` in batch order. */
export function acceptingStore(firstId = 1) {
  let id = firstId;
  const calls: QueuedMessage[][] = [];
  const store = async (batch: QueuedMessage[]): Promise<StoreResult[]> => {
    calls.push([...batch]);
    return batch.map((m) => storedResult(m, id++));
  };
  return { store, calls };
}

// ---- a fake PartyKit host ------------------------------------------------------------------

export class FakeSocket implements RoomSocket {
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;

  constructor(
    readonly id: string,
    readonly state: SocketState | null,
    private readonly host: FakeHost,
  ) {}

  send(data: string): void {
    if (this.closedWith) throw new Error("socket is closed");
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.host.remove(this.id);
  }

  /** The frames this socket received, parsed with the protocol's own schema. */
  get frames(): ServerFrame[] {
    return this.sent.map((s) => serverFrameSchema.parse(JSON.parse(s)));
  }

  framesOf<T extends ServerFrame["type"]>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: T }> => f.type === type);
  }

  /** Every stored message this socket was told of, whether alone or in a batch frame. */
  get storedMessages(): ChatMessage[] {
    return this.frames.flatMap((f) =>
      f.type === "message" ? [f.message] : f.type === "messages" ? f.messages : [],
    );
  }
}

/** In-memory sockets: like PartyKit's room, only open sockets are listed and broadcast to. */
export class FakeHost implements RoomHost {
  private readonly open = new Map<string, FakeSocket>();
  private seq = 0;

  /**
   * Opens a socket (already listed by the host, as in PartyKit's onConnect) whose token expires
   * at `expiresAt` on the room's clock (never, unless a test says).
   */
  add(user: RoomUser | null, expiresAt = Number.MAX_SAFE_INTEGER): FakeSocket {
    const socket = new FakeSocket(`conn-${++this.seq}`, user ? { user, expiresAt } : null, this);
    this.open.set(socket.id, socket);
    return socket;
  }

  remove(id: string): void {
    this.open.delete(id);
  }

  sockets(): Iterable<RoomSocket> {
    return [...this.open.values()];
  }

  socketsOf(userId: number): Iterable<RoomSocket> {
    return [...this.open.values()].filter((s) => s.state?.user.id === userId);
  }

  socket(id: string): RoomSocket | undefined {
    return this.open.get(id);
  }

  count(): number {
    return this.open.size;
  }

  broadcast(data: string, exceptUserId?: number): void {
    for (const socket of this.open.values()) {
      if (exceptUserId === undefined || socket.state?.user.id !== exceptUserId) socket.send(data);
    }
  }
}

/** A send frame as a browser would write it. */
export function sendFrame(body: string, clientId: string = uuid()): string {
  return JSON.stringify({ type: "send", clientId, body });
}
