/**
 * What a reaction may be: one emoji as people see it (one picture), never text. Shared by the
 * server action that stores reactions and the page that offers them, so both agree.
 */
import { MAX_EMOJI_LENGTH } from "./protocol";

// One picture: a regional-indicator pair (a flag), a keycap (1️⃣, #️⃣), or a pictographic
// character with an optional presentation selector or skin tone, and optional tag characters
// (the England and Scotland flags). ZWJ joins pictures into one (👩‍💻, 🏳️‍🌈). A lone regional
// indicator is a letter, not a flag.
const PICTURE =
  "(?:\\p{Regional_Indicator}\\p{Regional_Indicator}" +
  "|[0-9#*]\\uFE0F?\\u20E3" +
  "|(?!\\p{Regional_Indicator})(?:\\p{Extended_Pictographic}|\\p{Emoji_Presentation})(?:\\uFE0F|\\p{Emoji_Modifier})?\\p{Emoji_Modifier}?" +
  "(?:[\\u{E0020}-\\u{E007E}]+\\u{E007F})?)";
const EMOJI = new RegExp(`^${PICTURE}(?:\\u200D${PICTURE})*$`, "u");

/** True when `value` is one emoji (a ZWJ sequence counts as one) within MAX_EMOJI_LENGTH. */
export function isReactionEmoji(value: string): boolean {
  return value.length > 0 && value.length <= MAX_EMOJI_LENGTH && EMOJI.test(value);
}
