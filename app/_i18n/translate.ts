import { createTranslator } from "next-intl";
import { catalogue } from "./catalogue";
import type { Locale } from "./locales";
import type { Msg } from "./message";

/** Times in messages the server composes (a ban's end) are said in UTC, and say so. */
export const SERVER_TIME_ZONE = "UTC";

/**
 * Turns a message into a sentence in `locale`, outside React and outside a request, so server
 * actions and their tests share it. Values that are messages are translated first.
 */
export function translate(locale: Locale, message: Msg): string {
  const t = createTranslator({
    locale,
    messages: catalogue(locale),
    timeZone: SERVER_TIME_ZONE,
    // Under test a broken message must fail loudly; in production next-intl's fallback (the key)
    // and a logged error beat a failed action.
    ...(process.env.NODE_ENV === "test"
      ? {
          onError: (error: Error) => {
            throw error;
          },
        }
      : {}),
  });
  const values: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(message.values ?? {})) {
    values[name] = typeof value === "object" && "key" in value ? translate(locale, value) : value;
  }
  // The key is typed as a catalogue key at every call site; the translator's own key type is a
  // generic of its namespace that a key held in a variable cannot satisfy.
  return t(message.key as Parameters<typeof t>[0], values as never);
}
