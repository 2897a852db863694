"use server";

import { redirect } from "next/navigation";
import { changeDisplayName, changePassword, signOutEverywhere } from "../../_lib/account-actions";
import { type ActionResult, formAction } from "../../_lib/guarded-action";
import { getSessionState } from "../../_lib/session";
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
  const result = await savePassword(previous, form);
  if (result.ok) {
    const state = await getSessionState();
    if (state.status !== "signed-out") await reissueSessionCookie(state.user.id);
  }
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
