"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { SignUpState } from "@/app/(auth)/actions";
import { primaryButton } from "./auth-card";
import { Field } from "./field";

type Action = (prev: SignUpState, form: FormData) => Promise<SignUpState>;

/** Creates the account through the server action, then signs in with the same password. */
export function SignUpForm({ action }: { action: Action }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const password = useRef("");
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    if (state.status !== "created") return;
    signIn("credentials", {
      username: state.username,
      password: password.current,
      redirect: false,
    }).then((result) => {
      if (result?.ok && !result.error) {
        router.replace("/");
        router.refresh();
      } else {
        setSignInError("Your account was created, but signing in failed. Try signing in.");
      }
    });
  }, [state, router]);

  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const error = signInError ?? (state.status === "error" ? state.error : null);
  const busy = pending || (state.status === "created" && !signInError);

  return (
    <form
      // onSubmit rather than action={…}: React resets a form after an action, and a person
      // correcting one field should not have to type the others again.
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        password.current = String(form.get("password") ?? "");
        startTransition(() => formAction(form));
      }}
      className="space-y-4"
    >
      {error && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        minLength={3}
        maxLength={32}
        error={fields.username}
      />
      <Field
        label="Display name"
        name="displayName"
        autoComplete="nickname"
        required
        maxLength={64}
        error={fields.displayName}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        error={fields.password}
      />
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Creating account…" : "Sign up"}
      </button>
    </form>
  );
}
