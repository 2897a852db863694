/**
 * What both baselines share: a plain `ws` server with one room per path, answering the same URL,
 * token and frames as the PartyKit room (`/parties/main/<slug>?token=…`, `send` in, `message` and
 * `rejected` out), so one load generator drives all three systems. The token is checked once
 * before the upgrade and each frame is validated with the product's own zod schema, as a
 * competent server would; no presence, no rate limit, no moderation checks.
 */
import http from "node:http";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import {
  checkBody,
  MAX_FRAME_BYTES,
  type RejectReason,
  type ServerFrame,
  sendFrameSchema,
} from "../../../party/protocol";
import { type RoomUser, verifyRoomToken } from "../../../party/token";

export type BaselineRoom = { slug: string; sockets: Set<WebSocket> };

export type IncomingSend = {
  room: BaselineRoom;
  socket: WebSocket;
  user: RoomUser;
  clientId: string;
  body: string;
};

/** Reads the settings the bench passes to a baseline process. */
export function baselineEnv(): { port: number; secret: string; databaseUrl: string; mode: string } {
  const port = Number(process.env.BENCH_PORT);
  const secret = process.env.BENCH_PARTY_SECRET ?? "";
  if (!port || secret.length < 32) throw new Error("BENCH_PORT and BENCH_PARTY_SECRET are needed");
  return {
    port,
    secret,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? "",
    mode: process.env.BENCH_MODE ?? "",
  };
}

export function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

export function reject(socket: WebSocket, clientId: string | null, reason: RejectReason): void {
  send(socket, { type: "rejected", clientId, reason });
}

/** Sends one already-serialised frame to every open socket of a room. */
export function broadcast(room: BaselineRoom, data: string): void {
  for (const socket of room.sockets) {
    if (socket.readyState === WebSocket.OPEN) socket.send(data);
  }
}

/** The `message` frame, shaped like the room's (the generator reads the same fields). */
export function messageFrame(args: {
  id: number;
  channelId: number;
  clientId: string;
  body: string;
  user: RoomUser;
}): string {
  const frame: ServerFrame = {
    type: "message",
    message: {
      id: args.id,
      channelId: args.channelId,
      clientId: args.clientId,
      body: args.body,
      createdAt: new Date().toISOString(),
      editedAt: null,
      author: { id: args.user.id, name: args.user.name, image: args.user.image, role: "member" },
    },
  };
  return JSON.stringify(frame);
}

function parseSend(
  data: RawData,
): { ok: true; clientId: string; body: string } | { ok: false; reason: RejectReason } {
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = sendFrameSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const problem = checkBody(parsed.data.body);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, clientId: parsed.data.clientId, body: parsed.data.body };
}

/** Starts the server; `onSend` gets every valid `send` frame in arrival order. */
export function startRoomServer(args: {
  port: number;
  secret: string;
  onSend: (message: IncomingSend) => void;
}): http.Server {
  const rooms = new Map<string, BaselineRoom>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/parties\/main\/([^/]+)$/.exec(url.pathname);
    const slug = match?.[1];
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n\r\n`);
    };
    if (!slug) return refuse(404);
    void verifyRoomToken({
      token: url.searchParams.get("token"),
      channel: slug,
      secret: args.secret,
    }).then((verified) => {
      if (!verified.ok) return refuse(401);
      wss.handleUpgrade(req, socket, head, (ws) => {
        let room = rooms.get(slug);
        if (!room) {
          room = { slug, sockets: new Set() };
          rooms.set(slug, room);
        }
        const joined = room;
        joined.sockets.add(ws);
        ws.on("message", (data) => {
          const parsed = parseSend(data);
          if (!parsed.ok) return reject(ws, null, parsed.reason);
          args.onSend({
            room: joined,
            socket: ws,
            user: verified.user,
            clientId: parsed.clientId,
            body: parsed.body,
          });
        });
        ws.on("close", () => {
          joined.sockets.delete(ws);
          if (joined.sockets.size === 0) rooms.delete(slug);
        });
        ws.on("error", () => ws.terminate());
      });
    });
  });

  server.listen(args.port, "127.0.0.1");
  // The bench stops a baseline with SIGTERM; nothing here needs a graceful shutdown.
  process.on("SIGTERM", () => process.exit(0));
  return server;
}
