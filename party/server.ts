/**
 * The room for one channel: a PartyServer `Server` (one Durable Object per channel) that only
 * adapts the runtime's callbacks to ChatRoom. Runs on Cloudflare (or `wrangler dev`), so it
 * imports nothing from app/, components/ or db/.
 */
import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { readAppCommand } from "./app-command";
import { ChatRoom, type RoomHost, type RoomSocket, type SocketState } from "./chat-room";
import { guardConnection } from "./connect-guard";
import { type RoomEnv, readRoomEnv } from "./env";
import { roomCommandSchema } from "./protocol";
import { httpStore } from "./store-client";
import {
  comingSlots,
  endedSlotTags,
  expiryTag,
  kickForgettable,
  kickKey,
  sweepTimeFor,
} from "./token-expiry";

const OPEN = 1;

export class ChannelServer extends Server<Record<string, unknown>> {
  // Hibernation lets Cloudflare evict an idle room while its sockets stay open, which is what
  // allows tens of thousands of sockets per room; state lives on each connection.
  static options = { hibernate: true };
  private settings: ReturnType<typeof readRoomEnv> | null = null;
  private chatRoom: ChatRoom | null = null;
  /** The alarm as last set or read (undefined: not known since this instance woke). */
  private nextSweep: number | null | undefined;

  /** The room's settings, read once per instance (the runtime hands env to the constructor). */
  private get roomEnv() {
    this.settings ??= readRoomEnv(this.env);
    return this.settings;
  }

  /**
   * Built on first use rather than in the constructor: the room's name (the channel) comes from
   * the Durable Object's id, which the runtime guarantees only once a request has arrived.
   */
  private chat(env: RoomEnv): ChatRoom {
    this.chatRoom ??= new ChatRoom(this.host(), {
      store: httpStore({ appUrl: env.appUrl, secret: env.secret, channel: this.name }),
      maxWaitMs: env.storeMaxWaitMs,
      rateLimit: env.rateLimit,
      maxSocketsPerUser: env.maxSocketsPerUser,
      invalidFrames: env.invalidFrames,
      typing: { maxSockets: env.typingMaxSockets },
    });
    return this.chatRoom;
  }

  /**
   * Tags each socket with its user, so the per-user socket cap (and a kick) finds that user's
   * sockets through the runtime's tag index instead of reading every socket in the room, and
   * with its token's expiry slot, so the expiry sweep finds the sockets due the same way. The
   * token is verified here and again in onConnect: an HMAC check costs microseconds, and
   * handing a result from one call to the other by connection id would trust an id the client
   * chose.
   */
  async getConnectionTags(_connection: Connection, ctx: ConnectionContext) {
    const env = this.roomEnv;
    if (!env.ok) return [];
    const guard = await this.guard(ctx, env.env);
    return guard.ok ? [userTag(guard.user.id), expiryTag(guard.expiresAt)] : [];
  }

  /**
   * Verifies the token again (cheap, and the only way to know the user here), refuses a token
   * issued before this user's last kick, and joins; the expiry sweep is scheduled for it.
   */
  async onConnect(connection: Connection<SocketState>, ctx: ConnectionContext) {
    const env = this.roomEnv;
    if (!env.ok) {
      console.error(`Room misconfigured: ${env.error}`);
      connection.close(1011, "Room misconfigured");
      return;
    }
    const guard = await this.guard(ctx, env.env);
    if (!guard.ok) {
      connection.close(1008, guard.text);
      return;
    }
    const kickedAt = await this.kickedAt(guard.user.id);
    connection.setState({ user: guard.user, expiresAt: guard.expiresAt });
    const chat = this.chat(env.env);
    if (!chat.connect(connection, guard.user, { issuedAt: guard.issuedAt, kickedAt })) return;
    chat.limitsTo(connection);
    chat.presenceTo(connection);
    await this.scheduleSweep(sweepTimeFor(guard.expiresAt));
  }

  /** The expiry sweep: closes the sockets whose tokens ran out, then sets the next alarm. */
  async onAlarm() {
    const env = this.roomEnv;
    if (!env.ok) return;
    const chat = this.chat(env.env);
    const now = Date.now();
    for (const tag of endedSlotTags(now)) chat.expire(this.getConnections<SocketState>(tag));
    this.nextSweep = null;
    for (const slot of comingSlots(now)) {
      if (!this.getConnections(slot.tag)[Symbol.iterator]().next().done) {
        await this.setSweep(slot.endsAt);
        return;
      }
    }
  }

  /** Every frame goes through ChatRoom's validation; nothing here trusts its shape. */
  onMessage(sender: Connection<SocketState>, message: WSMessage) {
    const env = this.roomEnv;
    if (env.ok) this.chat(env.env).message(sender, message);
  }

  onClose(connection: Connection<SocketState>) {
    const env = this.roomEnv;
    if (env.ok) this.chat(env.env).close(connection);
  }

  onError(connection: Connection<SocketState>) {
    const env = this.roomEnv;
    if (env.ok) this.chat(env.env).close(connection);
  }

  /** Commands from Next.js (a deletion to broadcast, a user to disconnect), with the shared secret. */
  async onRequest(req: Request) {
    const env = this.roomEnv;
    if (!env.ok) return misconfigured(env.error);
    const read = await readAppCommand(req, env.env.secret, roomCommandSchema);
    if (!read.ok) return read.response;
    if (read.command.type === "kick") {
      // Stored before the sockets close, so a socket the user reopens at once with an older
      // token already meets the record; storage outlives eviction and restarts.
      await this.ctx.storage.put(kickKey(read.command.userId), Date.now());
    }
    this.chat(env.env).command(read.command);
    return Response.json({ ok: true });
  }

  /** When this user was last kicked from this room, if that still matters. */
  private async kickedAt(userId: number): Promise<number | undefined> {
    const at = await this.ctx.storage.get<number>(kickKey(userId));
    if (at !== undefined && kickForgettable(at, Date.now())) {
      await this.ctx.storage.delete(kickKey(userId));
      return undefined;
    }
    return at;
  }

  /** Makes sure the alarm fires by `at` (an earlier one already set covers it). */
  private async scheduleSweep(at: number): Promise<void> {
    if (this.nextSweep === undefined) this.nextSweep = await this.ctx.storage.getAlarm();
    if (this.nextSweep === null || at < this.nextSweep) await this.setSweep(at);
  }

  private async setSweep(at: number): Promise<void> {
    this.nextSweep = at;
    await this.ctx.storage.setAlarm(at);
  }

  /** The connection's Origin and room token, checked for this room. */
  private guard(ctx: ConnectionContext, env: RoomEnv) {
    return guardConnection({
      url: ctx.request.url,
      origin: ctx.request.headers.get("origin"),
      channel: this.name,
      env,
    });
  }

  private host(): RoomHost {
    /** Open sockets: all of them, or those carrying `tag`. */
    const open = function* (this: ChannelServer, tag?: string) {
      for (const c of this.getConnections<SocketState>(tag)) {
        if (c.readyState === OPEN) yield c as RoomSocket;
      }
    }.bind(this);
    return {
      sockets: () => open(),
      socketsOf: function* (userId) {
        for (const c of open(userTag(userId))) {
          // The tag says who opened it; the state check keeps a socket refused in onConnect out.
          if (c.state?.user.id === userId) yield c;
        }
      },
      socket: (id) => this.getConnection<SocketState>(id),
      count: () => {
        let open = 0;
        for (const c of this.ctx.getWebSockets()) if (c.readyState === OPEN) open++;
        return open;
      },
      broadcast: (data, exceptUserId) => {
        // The runtime hands out the same object for a socket on every call, so the user's
        // sockets found through their tag can be skipped by identity.
        const skip =
          exceptUserId === undefined
            ? null
            : new Set<WebSocket>(this.ctx.getWebSockets(userTag(exceptUserId)));
        // The runtime's own sockets, not getConnections(): PartyServer's iterator deserializes
        // every socket's attachment on each pass to check it is one of its own (all of ours
        // are), which measured about half the cost of a broadcast (~19 of ~41 µs per socket).
        // One dead socket must not keep a message from everyone after it, so each send is
        // guarded on its own.
        for (const c of this.ctx.getWebSockets()) {
          if (c.readyState !== OPEN || skip?.has(c)) continue;
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

/**
 * The detail goes to the deployer's log, never to the caller: which setting is missing is no
 * one else's business.
 */
export function misconfigured(detail: string): Response {
  console.error(`Room misconfigured: ${detail}`);
  return new Response("Room misconfigured", { status: 500 });
}
