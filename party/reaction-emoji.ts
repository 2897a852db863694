/**
 * What a reaction may be: one emoji as people see it (one picture), never text. Shared by the
 * server action that stores reactions and the page that offers them, so both agree.
 */
import { MAX_EMOJI_LENGTH } from "./protocol";

// One picture: a regional-indicator pair (a flag), a keycap (1️⃣, #️⃣), a black flag with a
// subdivision tag sequence (the England and Scotland flags), or an assigned pictographic character
// with at most one presentation selector or skin tone. ZWJ joins up to four pictures into one
// (👩‍💻, 🏳️‍🌈, a family of four). A lone regional indicator is a letter, not a flag. Each limit
// stops a look-alike: tag characters hidden after 👍, two skin tones on one hand, an unassigned
// code point, or a long chain, each of which draws like a common emoji yet is another chip.
const PICTURE =
  "(?:\\p{Regional_Indicator}\\p{Regional_Indicator}" +
  "|[0-9#*]\\uFE0F?\\u20E3" +
  "|\\u{1F3F4}[\\u{E0030}-\\u{E0039}\\u{E0061}-\\u{E007A}]{2,7}\\u{E007F}" +
  "|(?!\\p{Regional_Indicator}|\\p{Cn})(?:\\p{Extended_Pictographic}|\\p{Emoji_Presentation})(?:\\uFE0F|\\p{Emoji_Modifier})?)";
const EMOJI = new RegExp(`^${PICTURE}(?:\\u200D${PICTURE}){0,3}$`, "u");

/** True when `value` is one emoji (a ZWJ sequence counts as one) within MAX_EMOJI_LENGTH. */
export function isReactionEmoji(value: string): boolean {
  return value.length > 0 && value.length <= MAX_EMOJI_LENGTH && EMOJI.test(value);
}
