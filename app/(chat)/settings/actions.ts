"use server";

import { redirect } from "next/navigation";
import { isConnectionError } from "@/db";
import { msg } from "../../_i18n/message";
import { getSay } from "../../_i18n/server";
import { changeDisplayName, changePassword, signOutEverywhere } from "../../_lib/account-actions";
import { type ActionResult, formAction } from "../../_lib/guarded-action";
import { getSessionState, type SessionState } from "../../_lib/session";
import { clearSessionCookie, reissueSessionCookie } from "../../_lib/session-renewal";

const saveDisplayName = formAction(changeDisplayName, "/settings");
const savePassword = formAction(changePassword, "/settings");
const endAllSessions = formAction(signOutEverywhere);

/** Settings: change the display name. */
export async function changeDisplayNameAction(
  previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return saveDisplayName(previous, form);
}

/** Settings: change the password; this browser stays signed in, every other session ends. */
export async function changePasswordAction(
  previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  // Read who is asking before the change: afterwards this browser's cookie is one of the
  // sessions the change ended (React's cache does not hold across an action's calls).
  let before: SessionState;
  try {
    before = await getSessionState();
  } catch (error) {
    if (isConnectionError(error)) {
      return { ok: false, message: (await getSay())(msg("settings.actions.databaseUnavailable")) };
    }
    throw error;
  }
  const result = await savePassword(previous, form);
  if (result.ok && before.status === "active") await reissueSessionCookie(before.user.id);
  return result;
}

/** Settings: end every session, this one included, and go to the sign-in page. */
export async function signOutEverywhereAction(
  previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const result = await endAllSessions(previous, form);
  if (!result.ok) return result;
  await clearSessionCookie();
  redirect("/signin");
}
