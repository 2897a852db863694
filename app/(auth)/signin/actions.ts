"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isConnectionError } from "@/db";
import { issueMessage, issueKey as key } from "../../_i18n/issue-message";
import { type Msg, msg } from "../../_i18n/message";
import { getSay } from "../../_i18n/server";
import { safeCallbackPath } from "../../_lib/callback-url";
import { clientAddress } from "../../_lib/client-address";
import { checkCredentials, credentialsMessage } from "../../_lib/credentials";
import {
  encodeSession,
  sessionClaims,
  sessionCookieName,
  sessionCookieOptions,
} from "../../_lib/session-cookie";

export type SignInState = { status: "idle" } | { status: "error"; error: string; username: string };

// A name or password too long to be anyone's is answered like any wrong one.
const formSchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, key("auth.validation.enterUsername"))
    .max(32, key("auth.errors.wrongCredentials")),
  password: z
    .string()
    .min(1, key("auth.validation.enterPassword"))
    .max(200, key("auth.errors.wrongCredentials")),
  callbackUrl: z.string().max(2048).optional(),
});

// Only the path of the callback is ever used, so any origin works as the base here: an absolute
// URL on another origin is refused, one on this placeholder origin just yields its path.
const PATH_ONLY = "http://callback.invalid";

/**
 * The sign-in form's server action. The form posts here before and after hydration alike, so the
 * password travels in a POST body and never in a URL. On success it writes the same JWT session
 * cookie NextAuth would and redirects to the (same-site) callback path.
 */
export async function signInWithPassword(
  _previous: SignInState,
  form: FormData,
): Promise<SignInState> {
  const parsed = formSchema.safeParse({
    username: form.get("username") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  const username = String(form.get("username") ?? "").slice(0, 32);
  // Words only for a refusal: a successful sign-in redirects without resolving a language.
  const refuse = async (message: Msg): Promise<SignInState> => ({
    status: "error",
    error: (await getSay())(message),
    username,
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refuse(first ? issueMessage(first) : msg("auth.errors.tryAgain"));
  }
  const requestHeaders = await headers();
  let token: string;
  try {
    const result = await checkCredentials({
      username: parsed.data.username,
      password: parsed.data.password,
      address: clientAddress((name) => requestHeaders.get(name)),
    });
    if (!result.ok) return refuse(credentialsMessage(result));
    token = await encodeSession(sessionClaims(result.user));
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    return refuse(msg("auth.errors.unavailable"));
  }
  (await cookies()).set(sessionCookieName(), token, sessionCookieOptions());
  redirect(safeCallbackPath(parsed.data.callbackUrl, PATH_ONLY));
}
