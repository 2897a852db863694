import "server-only";
import { getLocale } from "next-intl/server";
import type { Locale } from "./locales";
import type { Msg } from "./message";
import { translate } from "./translate";

/** For server code that composes a sentence from a Msg (pages, routes): this request's words. */
export async function getSay(): Promise<(message: Msg) => string> {
  const locale: Locale = await getLocale();
  return (message) => translate(locale, message);
}
