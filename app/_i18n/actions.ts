"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import { isConnectionError } from "@/db";
import { setUserLocale } from "@/db/queries/users";
import type { ActionResult } from "../_lib/guarded-action";
import { getSessionState } from "../_lib/session";
import { isLocale, LOCALE_COOKIE } from "./locales";
import { msg } from "./message";
import { translate } from "./translate";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The Language select (Settings, sign-in page): remembered on the account when signed in, so
 * every device follows, and in a cookie for this browser either way. The whole layout renders
 * again in the new language; the session is untouched.
 */
export async function setLanguageAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const locale = form.get("locale");
  if (!isLocale(locale)) {
    return { ok: false, message: translate(await getLocale(), msg("common.errors.invalidInput")) };
  }
  try {
    const state = await getSessionState();
    if (state.status === "active") await setUserLocale({ userId: state.user.id, locale });
  } catch (error) {
    // The account's setting would win over the cookie, so saying "changed" would be untrue.
    if (isConnectionError(error)) {
      return { ok: false, message: translate(locale, msg("common.errors.databaseUnavailable")) };
    }
    throw error;
  }
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: true,
  });
  revalidatePath("/", "layout");
  return { ok: true, message: translate(locale, msg("common.language.saved")) };
}
