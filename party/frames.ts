import {
  type ClientFrame,
  checkBody,
  clientFrameSchema,
  MAX_FRAME_BYTES,
  type RejectReason,
  type ServerFrame,
  serverFrameSchema,
} from "./protocol";

export type ParsedFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; clientId: string | null; reason: RejectReason };

// ignoreBOM spelled out: the Workers type for these options requires it (false is the default).
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads one WebSocket frame from a browser. Never throws: anything that is not a well-formed
 * frame within the size limit becomes a rejection the room can send back.
 */
export function parseClientFrame(raw: string | ArrayBuffer | ArrayBufferView): ParsedFrame {
  let text: string;
  if (typeof raw === "string") {
    // Each UTF-16 unit is at most 3 bytes of UTF-8; only measure exactly when it could matter.
    if (
      raw.length * 3 > MAX_FRAME_BYTES &&
      new TextEncoder().encode(raw).byteLength > MAX_FRAME_BYTES
    ) {
      return { ok: false, clientId: null, reason: "too_long" };
    }
    text = raw;
  } else {
    if (raw.byteLength > MAX_FRAME_BYTES) return { ok: false, clientId: null, reason: "too_long" };
    try {
      text = decoder.decode(raw);
    } catch {
      return { ok: false, clientId: null, reason: "invalid" };
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, clientId: null, reason: "invalid" };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) return { ok: false, clientId: clientIdOf(json), reason: "invalid" };
  const bodyProblem = checkBody(parsed.data.body);
  if (bodyProblem) return { ok: false, clientId: parsed.data.clientId, reason: bodyProblem };
  return { ok: true, frame: parsed.data };
}

// A frame with a good clientId but a bad field still gets its rejection matched to the pending
// message on the page.
function clientIdOf(json: unknown): string | null {
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const id = (json as Record<string, unknown>).clientId;
    if (typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)) return id;
  }
  return null;
}

/**
 * Reads one frame from the room (in the browser, or a test client). Null for anything that is
 * not a frame of the protocol: the page ignores what it cannot trust rather than crash on it.
 */
export function parseServerFrame(data: unknown): ServerFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(String(data));
  } catch {
    return null;
  }
  const frame = serverFrameSchema.safeParse(json);
  return frame.success ? frame.data : null;
}
