import type { ChatMessage, ServerFrame } from "./protocol";

/**
 * Most body characters (UTF-16 units) in one `messages` frame. A unit is at most 3 bytes of
 * UTF-8 and JSON escapes grow a character to at most 6, so a frame stays under about 1 MB,
 * Cloudflare's WebSocket message limit, whatever the bodies hold.
 */
export const MAX_FRAME_BODY_CHARS = 150_000;

/**
 * The frames that tell every socket about messages stored together, in id order. Sending a room
 * costs the server one write per frame per socket, so a batch goes out as one `messages` frame
 * (or a few, for very long bodies) instead of one frame per message; a lone message keeps the
 * plain `message` frame.
 */
export function storedFrames(
  messages: ChatMessage[],
  maxChars: number = MAX_FRAME_BODY_CHARS,
): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let chunk: ChatMessage[] = [];
  let chars = 0;
  const flush = () => {
    if (chunk.length === 1 && chunk[0]) frames.push({ type: "message", message: chunk[0] });
    else if (chunk.length > 1) frames.push({ type: "messages", messages: chunk });
    chunk = [];
    chars = 0;
  };
  for (const message of messages) {
    if (chunk.length > 0 && chars + message.body.length > maxChars) flush();
    chunk.push(message);
    chars += message.body.length;
  }
  flush();
  return frames;
}
