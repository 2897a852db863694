"use server";

import { isConnectionError } from "@/db";
import { createUser } from "@/db/queries/users";
import { hashPassword } from "../_lib/passwords";
import { signUpSchema } from "./schemas";

export type SignUpState =
  | { status: "idle" }
  | {
      status: "error";
      error: string;
      fields?: Partial<Record<"username" | "displayName" | "password", string>>;
    }
  | { status: "created"; username: string };

/** Creates an account; the form then signs in with the same credentials. */
export async function signUp(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const parsed = signUpSchema.safeParse({
    username: form.get("username"),
    displayName: form.get("displayName"),
    password: form.get("password"),
  });
  if (!parsed.success) {
    const fields: Partial<Record<"username" | "displayName" | "password", string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "username" || key === "displayName" || key === "password") && !fields[key]) {
        fields[key] = issue.message;
      }
    }
    return { status: "error", error: "Please correct the fields below.", fields };
  }
  try {
    const user = await createUser({
      username: parsed.data.username,
      displayName: parsed.data.displayName,
      passwordHash: await hashPassword(parsed.data.password),
    });
    if (!user) {
      return {
        status: "error",
        error: "That username is taken.",
        fields: { username: "That username is taken" },
      };
    }
    return { status: "created", username: user.username };
  } catch (error) {
    if (isConnectionError(error)) {
      return { status: "error", error: "The service is unavailable right now. Try again shortly." };
    }
    throw error;
  }
}
