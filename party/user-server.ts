/**
 * A person's own room (`/parties/user/<userId>`): a PartyServer `Server`, one Durable Object per
 * person, that only adapts the runtime's callbacks to UserRoom (user-room.ts). Next.js posts
 * small events here; every page the person has open holds one socket and gets them.
 */
import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { readAppCommand } from "./app-command";
import { guardConnection } from "./connect-guard";
import { type RoomEnv, readRoomEnv } from "./env";
import { bearerHeader } from "./keys";
import { pushDueSchema, userCommandSchema } from "./protocol";
import { misconfigured } from "./server";
import { comingSlots, endedSlotTags, expiryTag, sweepTimeFor } from "./token-expiry";
import {
  nextAlarm,
  type PushAnswer,
  type Reminder,
  remindAfterMention,
  reminderAfter,
  UserRoom,
  type UserSocket,
  type UserSocketState,
  userRoomClaim,
} from "./user-room";

const OPEN = 1;
const REMINDER_KEY = "push:reminder";

export class UserServer extends Server<Record<string, unknown>> {
  static options = { hibernate: true };
  private settings: ReturnType<typeof readRoomEnv> | null = null;
  private userRoom: UserRoom | null = null;

  private get roomEnv() {
    this.settings ??= readRoomEnv(this.env);
    return this.settings;
  }

  private room(env: RoomEnv): UserRoom {
    this.userRoom ??= new UserRoom(() => this.open(), { maxSockets: env.maxSocketsPerUser });
    return this.userRoom;
  }

  private *open(tag?: string): Generator<UserSocket> {
    for (const c of this.getConnections<UserSocketState>(tag)) {
      if (c.readyState === OPEN && c.state) yield c as UserSocket;
    }
  }

  async getConnectionTags(_connection: Connection, ctx: ConnectionContext) {
    const env = this.roomEnv;
    if (!env.ok) return [];
    const guard = await this.guard(ctx, env.env);
    return guard.ok ? [expiryTag(guard.expiresAt)] : [];
  }

  async onConnect(connection: Connection<UserSocketState>, ctx: ConnectionContext) {
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
    if (!this.room(env.env).connect(connection as UserSocket, this.name, guard.user)) return;
    connection.setState({ userId: guard.user.id, expiresAt: guard.expiresAt });
    await this.schedule(sweepTimeFor(guard.expiresAt));
  }

  /** Pages send nothing here; a frame is ignored rather than trusted. */
  onMessage(_sender: Connection, _message: WSMessage) {}

  /** Events from Next.js, with the shared secret; answers how many pages took them. */
  async onRequest(req: Request) {
    const env = this.roomEnv;
    if (!env.ok) return misconfigured(env.error);
    const read = await readAppCommand(req, env.env.secret, userCommandSchema);
    if (!read.ok) return read.response;
    const sockets = this.room(env.env).deliver(read.command);
    if (read.command.events.some((e) => e.type === "mention")) {
      const current = (await this.ctx.storage.get<Reminder>(REMINDER_KEY)) ?? null;
      const reminder = remindAfterMention(current, Date.now(), env.env.pushDelayMs);
      if (reminder !== current) {
        await this.ctx.storage.put(REMINDER_KEY, reminder);
        await this.schedule(reminder.dueAt);
      }
    }
    return Response.json({ sockets });
  }

  /** Sweeps sockets whose token ran out, asks the app about a due push, sets the next alarm. */
  async onAlarm() {
    const env = this.roomEnv;
    if (!env.ok) return;
    const room = this.room(env.env);
    const now = Date.now();
    for (const tag of endedSlotTags(now)) room.expire(this.open(tag));
    let reminder = (await this.ctx.storage.get<Reminder>(REMINDER_KEY)) ?? null;
    if (reminder && reminder.dueAt <= now) {
      reminder = reminderAfter(await this.pushDue(env.env, room.count()), reminder, Date.now());
      if (reminder) await this.ctx.storage.put(REMINDER_KEY, reminder);
      else await this.ctx.storage.delete(REMINDER_KEY);
    }
    let sweepAt: number | null = null;
    for (const slot of comingSlots(Date.now())) {
      if (!this.open(slot.tag).next().done) {
        sweepAt = slot.endsAt;
        break;
      }
    }
    const at = nextAlarm(sweepAt, reminder);
    if (at !== null) await this.ctx.storage.setAlarm(at);
  }

  /** POST /api/party/push: the app decides from MySQL whether a push goes. */
  private async pushDue(env: RoomEnv, sockets: number): Promise<PushAnswer> {
    const userId = Number(this.name);
    const body = pushDueSchema.parse({ userId, sockets });
    try {
      const response = await fetch(`${env.appUrl}/api/party/push`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: await bearerHeader(env.secret),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const answer: unknown = await response.json().catch(() => null);
      return { status: response.status, body: answer };
    } catch (error) {
      console.error(`Push-due call for user ${userId} failed:`, error);
      return { failed: true };
    }
  }

  /** Makes sure the alarm fires by `at` (an earlier one already set covers it). */
  private async schedule(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  private guard(ctx: ConnectionContext, env: RoomEnv) {
    return guardConnection({
      url: ctx.request.url,
      origin: ctx.request.headers.get("origin"),
      channel: userRoomClaim(this.name),
      party: "user",
      env,
    });
  }
}
