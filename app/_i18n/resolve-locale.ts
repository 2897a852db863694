import "server-only";
import { cookies, headers } from "next/headers";
import { getSessionState } from "../_lib/session";
import { isLocale, LOCALE_COOKIE, type Locale, negotiateLocale } from "./locales";

/**
 * This request's language: the signed-in person's setting, else the cookie a choice made while
 * signed out left, else `Accept-Language`. Never the URL, so a shared link opens in the reader's
 * own language. A database that cannot be reached must not take the error page's language with
 * it: the session is then skipped.
 */
export async function resolveLocale(): Promise<Locale> {
  try {
    const state = await getSessionState();
    if (state.status !== "signed-out" && isLocale(state.user.locale)) return state.user.locale;
  } catch {
    // MySQL is down: the cookie and the header still say enough.
  }
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}
