"use server";

import { getLocale } from "next-intl/server";
import { isConnectionError } from "@/db";
import type { User } from "@/db/schema";
import type { Locale } from "../_i18n/locales";
import { msg } from "../_i18n/message";
import { translate } from "../_i18n/translate";
import type { ActionResult } from "../_lib/guarded-action";
import { markUnread as markUnreadGuarded } from "../_lib/read-state/mark-unread";
import { getSessionState } from "../_lib/session";

/**
 * "Mark as unread" from a message's menu in channel `slug`: the session's user, read fresh (a
 * banned one is refused by the guard), then the guarded action's own rules.
 */
export async function markUnread(slug: string, messageId: number): Promise<ActionResult> {
  const locale = (await getLocale()) as Locale;
  let actor: User | null = null;
  try {
    const state = await getSessionState();
    actor = state.status === "signed-out" ? null : state.user;
  } catch (error) {
    if (isConnectionError(error)) {
      return { ok: false, message: translate(locale, msg("common.errors.databaseUnavailable")) };
    }
    throw error;
  }
  return markUnreadGuarded.runAs(actor, { slug, messageId }, locale);
}
