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
    if (utf8LengthOver(raw, MAX_FRAME_BYTES)) {
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
  const frame = parsed.data;
  if (frame.type === "send") {
    const bodyProblem = checkBody(frame.body);
    if (bodyProblem) return { ok: false, clientId: frame.clientId, reason: bodyProblem };
  }
  return { ok: true, frame };
}

/**
 * True when `text` is longer than `max` bytes of UTF-8, decided from its length alone, without
 * encoding it: every UTF-16 unit is at least 1 byte and at most 3 (a surrogate pair is 4 bytes
 * for 2 units), so only a string between max/3 and max units needs counting, and counting stops
 * at max. A megabyte of junk costs one comparison.
 */
export function utf8LengthOver(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: 4 bytes for the pair.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    if (bytes > max) return true;
  }
  return false;
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
