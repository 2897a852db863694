"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isConnectionError } from "@/db";
import { createUser } from "@/db/queries/users";
import { fieldMessages } from "../_i18n/issue-message";
import { type Msg, msg } from "../_i18n/message";
import { getSay } from "../_i18n/server";
import { clientAddress } from "../_lib/client-address";
import { hashPassword } from "../_lib/passwords";
import { recordSignUp, signUpRefusal } from "../_lib/throttle";
import { signUpSchema } from "./schemas";

const SIGN_UP_FIELDS = ["username", "displayName", "password"] as const;
type SignUpField = (typeof SIGN_UP_FIELDS)[number];

export type SignUpState =
  | { status: "idle" }
  | {
      status: "error";
      error: string;
      fields?: Partial<Record<SignUpField, string>>;
      /** What was typed, so the form can show it again (never the password). */
      values?: { username: string; displayName: string };
    }
  | { status: "created"; username: string };

/** A posted field as text; a missing field or a file reads as "". */
function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Where this sign-up comes from, as the throttles count it (see client-address.ts). */
async function requestAddress(): Promise<string> {
  const requestHeaders = await headers();
  return clientAddress((name) => requestHeaders.get(name));
}

/**
 * Creates an account. Posted by the page's script (which marks the form data with `js`), it
 * answers "created" and the form signs in with the same password; posted by a browser without
 * script, it sends the person to /signin with the username filled in.
 */
export async function signUp(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const say = await getSay();
  const values = { username: text(form, "username"), displayName: text(form, "displayName") };
  const unavailable: SignUpState = {
    status: "error",
    error: say(msg("auth.errors.unavailable")),
    values,
  };
  const address = await requestAddress();
  let refused: Msg | null;
  try {
    refused = await signUpRefusal(address);
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    return unavailable;
  }
  if (refused) return { status: "error", error: say(refused), values };
  const parsed = signUpSchema.safeParse({ ...values, password: text(form, "password") });
  if (!parsed.success) {
    const all = fieldMessages(parsed.error.issues, say);
    const fields: Partial<Record<SignUpField, string>> = {};
    for (const key of SIGN_UP_FIELDS) if (all[key]) fields[key] = all[key];
    return { status: "error", error: say(msg("auth.errors.correctFields")), fields, values };
  }
  let username: string;
  try {
    const user = await createUser({
      username: parsed.data.username,
      displayName: parsed.data.displayName,
      passwordHash: await hashPassword(parsed.data.password),
    });
    if (!user) {
      return {
        status: "error",
        error: say(msg("auth.errors.usernameTaken")),
        fields: { username: say(msg("auth.validation.usernameTaken")) },
        values,
      };
    }
    username = user.username;
    await recordSignUp(address);
  } catch (error) {
    if (isConnectionError(error)) return unavailable;
    throw error;
  }
  if (form.get("js") !== "1") {
    // Without script the credentials sign-in cannot run here (NextAuth v4 signs in through its
    // own POST with a CSRF token), so the sign-in page takes over; only the username travels.
    redirect(`/signin?${new URLSearchParams({ created: "1", username })}`);
  }
  return { status: "created", username };
}
