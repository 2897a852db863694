/**
 * Reads the generator's messages out of a frame with a few indexOf calls instead of JSON.parse:
 * the generator shares two cores with the servers it measures. All three systems serialise with
 * JSON.stringify, so the field order is fixed: `{"type":"message","message":{"id":…,…,
 * "body":"t=…;s=…;n=…;…",…,"author":{"id":…}}}`, or for a batch from our room
 * `{"type":"messages","messages":[{"id":…,…},{"id":…,…}]}`.
 */

/** Called per message: its id, due time (t), sender (s) and sequence number (n); false stops. */
export type OnStored = (id: number, t: number, s: number, n: number) => boolean;

/** True if `text` is a `message` or `messages` frame (readStoredMessages reads it). */
export function isStoredFrame(text: string): boolean {
  // No closing quote: the prefix matches "message" and "messages".
  return text.startsWith('{"type":"message');
}

/** Calls `each` for every message in the frame, in order; false if one could not be read. */
export function readStoredMessages(text: string, each: OnStored): boolean {
  let from = text.indexOf('{"id":');
  if (from < 0) return false;
  while (from >= 0) {
    const id = text.indexOf('"id":', from);
    const body = text.indexOf('"body":"t=', from);
    if (id < 0 || body < 0) return false;
    const messageId = readNumber(text, id + 5);
    const t = readNumber(text, body + 10);
    if (!text.startsWith(";s=", cursor)) return false;
    const s = readNumber(text, cursor + 3);
    if (!text.startsWith(";n=", cursor)) return false;
    const n = readNumber(text, cursor + 3);
    if (!each(messageId, t, s, n)) return false;
    // On past this message's author (an object that also starts `{"id":`) to the next message.
    const author = text.indexOf('"author":{', cursor);
    from = author < 0 ? -1 : text.indexOf('{"id":', author + '"author":{'.length);
  }
  return true;
}

let cursor = 0;

/** A non-negative decimal number starting at `from`; leaves `cursor` just after it. */
function readNumber(text: string, from: number): number {
  let i = from;
  let value = 0;
  let scale = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (scale) scale *= 10;
    } else if (c === 46 && !scale) {
      scale = 1;
    } else {
      break;
    }
  }
  cursor = i;
  return scale ? value / scale : value;
}
