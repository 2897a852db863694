/**
 * The PartyKit room for one channel: a thin adapter from PartyKit's callbacks to ChatRoom.
 * Runs on Cloudflare (or `partykit dev`), so it imports nothing from app/, components/ or db/.
 */
import type * as Party from "partykit/server";
import { ChatRoom, type RoomHost, type RoomSocket, type SocketState } from "./chat-room";
import { guardConnection, hasSecret } from "./connect-guard";
import { type RoomEnv, readRoomEnv } from "./env";
import { roomCommandSchema } from "./protocol";
import { httpStore } from "./store-client";

const OPEN = 1;

export default class ChannelServer implements Party.Server {
  // Hibernation lets Cloudflare evict an idle room while its sockets stay open, which is what
  // allows tens of thousands of sockets per room; state lives on each connection.
  readonly options: Party.ServerOptions = { hibernate: true };
  private readonly env: RoomEnv | null;
  private readonly envError: string | null;
  private readonly chat: ChatRoom | null;

  constructor(readonly room: Party.Room) {
    const env = readRoomEnv(room.env);
    this.env = env.ok ? env.env : null;
    this.envError = env.ok ? null : env.error;
    this.chat = env.ok
      ? new ChatRoom(this.host(), {
          store: httpStore({ appUrl: env.env.appUrl, secret: env.env.secret, channel: room.id }),
          maxWaitMs: env.env.storeMaxWaitMs,
          rateLimit: env.env.rateLimit,
          maxSocketsPerUser: env.env.maxSocketsPerUser,
        })
      : null;
  }

  /** Refuses a socket before it opens: bad Origin, or a missing, forged, expired or wrong-channel token. */
  static async onBeforeConnect(req: Party.Request, lobby: Party.Lobby) {
    const env = readRoomEnv(lobby.env);
    if (!env.ok) return new Response(`Room misconfigured: ${env.error}`, { status: 500 });
    const guard = await guardConnection({
      url: req.url,
      origin: req.headers.get("origin"),
      channel: lobby.id,
      env: env.env,
    });
    return guard.ok ? req : new Response(guard.text, { status: guard.status });
  }

  /**
   * Tags each socket with its user, so the per-user socket cap (and a kick) finds that user's
   * sockets through the runtime's tag index instead of reading every socket in the room.
   * The token is verified here and again in onConnect: PartyKit resets a socket's state between
   * the two, and an HMAC check costs microseconds.
   */
  async getConnectionTags(_connection: Party.Connection, ctx: Party.ConnectionContext) {
    if (!this.env) return [];
    const guard = await this.guard(ctx, this.env);
    return guard.ok ? [userTag(guard.user.id)] : [];
  }

  /** Verifies the token again (cheap, and the only way to know the user here) and joins. */
  async onConnect(connection: Party.Connection<SocketState>, ctx: Party.ConnectionContext) {
    if (!this.env || !this.chat) {
      connection.close(1011, "Room misconfigured");
      return;
    }
    const guard = await this.guard(ctx, this.env);
    if (!guard.ok) {
      connection.close(1008, guard.text);
      return;
    }
    connection.setState({ user: guard.user });
    if (this.chat.connect(connection, guard.user)) this.chat.presenceTo(connection);
  }

  /** Every frame goes through ChatRoom's validation; nothing here trusts its shape. */
  onMessage(
    message: string | ArrayBuffer | ArrayBufferView,
    sender: Party.Connection<SocketState>,
  ) {
    this.chat?.message(sender, message);
  }

  onClose(connection: Party.Connection<SocketState>) {
    this.chat?.close(connection);
  }

  onError(connection: Party.Connection<SocketState>) {
    this.chat?.close(connection);
  }

  /** Commands from Next.js (a deletion to broadcast, a user to disconnect), with the shared secret. */
  async onRequest(req: Party.Request) {
    if (!this.env || !this.chat) {
      return new Response(`Room misconfigured: ${this.envError}`, { status: 500 });
    }
    if (req.method !== "POST") return new Response("Method not allowed", { status: 405 });
    if (!hasSecret(req.headers.get("authorization"), this.env.secret)) {
      return new Response("Unauthorized", { status: 401 });
    }
    let json: unknown;
    try {
      json = await req.json();
    } catch {
      return new Response("Body must be JSON", { status: 400 });
    }
    const command = roomCommandSchema.safeParse(json);
    if (!command.success) return Response.json({ error: command.error.issues }, { status: 400 });
    this.chat.command(command.data);
    return Response.json({ ok: true });
  }

  /** The connection's Origin and room token, checked for this room. */
  private guard(ctx: Party.ConnectionContext, env: RoomEnv) {
    return guardConnection({
      url: ctx.request.url,
      origin: ctx.request.headers.get("origin"),
      channel: this.room.id,
      env,
    });
  }

  private host(): RoomHost {
    const room = this.room;
    /** Open sockets: all of them, or those carrying `tag`. */
    const open = function* (tag?: string) {
      for (const c of room.getConnections<SocketState>(tag)) {
        if (c.readyState === OPEN) yield c as RoomSocket;
      }
    };
    return {
      sockets: () => open(),
      socketsOf: function* (userId) {
        for (const c of open(userTag(userId))) {
          // The tag says who opened it; the state check keeps a socket refused in onConnect out.
          if (c.state?.user.id === userId) yield c;
        }
      },
      socket: (id) => room.getConnection<SocketState>(id),
      broadcast: (data) => {
        // room.broadcast stops at the first socket that throws; one dead socket must not
        // keep a message from everyone after it.
        for (const c of open()) {
          try {
            c.send(data);
          } catch {
            // That socket is closing; its close handler updates presence.
          }
        }
      },
    };
  }
}

/** The tag that marks a user's sockets (a tag must be a non-empty string). */
const userTag = (userId: number) => `user:${userId}`;

ChannelServer satisfies Party.Worker;
