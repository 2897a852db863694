/**
 * A bare WebSocket to a room, for probes that a well-behaved page would never make: hostile
 * frames, refused handshakes, a banned user's socket. It keeps every frame the room sends back.
 */
import WebSocket from "ws";
import { type ChatMessage, type RejectReason, serverFrameSchema } from "@/party/protocol";
import { waitFor } from "./wait";

export type Refused = { opened: false; status: number };

export class RawSocket {
  readonly rejected: { clientId: string | null; reason: RejectReason }[] = [];
  readonly stored: ChatMessage[] = [];
  /** Frames that did not parse as a server frame (there should be none). */
  readonly unreadable: string[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = String(data);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        this.unreadable.push(text.slice(0, 200));
        return;
      }
      const frame = serverFrameSchema.safeParse(json);
      if (!frame.success) this.unreadable.push(text.slice(0, 200));
      else if (frame.data.type === "rejected") {
        this.rejected.push({ clientId: frame.data.clientId, reason: frame.data.reason });
      } else if (frame.data.type === "message") this.stored.push(frame.data.message);
      else if (frame.data.type === "messages") this.stored.push(...frame.data.messages);
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
    ws.on("error", () => {});
  }

  /** Opens `ws://partyHost/parties/main/room?token=…`; a refused handshake gives its HTTP status. */
  static open(args: {
    partyHost: string;
    room: string;
    token?: string | null;
    origin?: string | null;
  }): Promise<RawSocket | Refused> {
    const query = args.token ? `?token=${encodeURIComponent(args.token)}` : "";
    const ws = new WebSocket(`ws://${args.partyHost}/parties/main/${args.room}${query}`, {
      headers: args.origin ? { origin: args.origin } : {},
    });
    return new Promise((resolve, reject) => {
      const socket = new RawSocket(ws);
      ws.once("open", () => resolve(socket));
      ws.once("unexpected-response", (_req, res) => {
        resolve({ opened: false, status: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.once("error", reject);
    });
  }

  /** Sends one frame and resolves once it is handed to the OS (backpressure for floods). */
  send(data: string | Uint8Array, options: { binary?: boolean } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.send(data, { binary: options.binary ?? typeof data !== "string" }, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }

  /** Sends a well-formed message and waits until the room broadcasts it as stored. */
  async sendAndAwaitStored(clientId: string, body: string): Promise<ChatMessage> {
    await this.send(JSON.stringify({ type: "send", clientId, body }));
    let found: ChatMessage | undefined;
    await waitFor(`the room to store ${clientId}`, () => {
      found = this.stored.find((m) => m.clientId === clientId);
      return found !== undefined;
    });
    return found as ChatMessage;
  }

  close(): void {
    this.ws.terminate();
  }
}

export function isRefused(result: RawSocket | Refused): result is Refused {
  return !(result instanceof RawSocket);
}
