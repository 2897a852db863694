"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { SignUpState } from "@/app/(auth)/actions";
import { PASSWORD_MIN_LENGTH } from "@/app/(auth)/password-rules";
import { primaryButton } from "./auth-card";
import { Field } from "./field";

type Action = (prev: SignUpState, form: FormData) => Promise<SignUpState>;

/** Creates the account through the server action, then signs in with the same password. */
export function SignUpForm({ action }: { action: Action }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const password = useRef("");
  const [signInFailed, setSignInFailed] = useState(false);

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
        setSignInFailed(true);
      }
    });
  }, [state, router]);

  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  // After a refused post without script the page is rendered anew: show what was typed.
  const values = state.status === "error" ? state.values : undefined;
  const error = signInFailed
    ? t("errors.signInAfterSignUp")
    : state.status === "error"
      ? state.error
      : null;
  const busy = pending || (state.status === "created" && !signInFailed);

  return (
    <form
      // Before the script runs (or without it), the browser POSTs straight to the server action:
      // the password never goes into a URL. Once hydrated, onSubmit takes over and calls the
      // action itself, because React resets a form after an action it submitted, and a person
      // correcting one field should not have to type the others again.
      action={formAction}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        password.current = String(form.get("password") ?? "");
        // Tells the action that this page will sign in itself once the account exists.
        form.set("js", "1");
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
        label={t("fields.username")}
        name="username"
        autoComplete="username"
        defaultValue={values?.username}
        required
        minLength={3}
        maxLength={32}
        error={fields.username}
      />
      <Field
        label={t("fields.displayName")}
        name="displayName"
        autoComplete="nickname"
        defaultValue={values?.displayName}
        required
        maxLength={64}
        error={fields.displayName}
      />
      <Field
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        error={fields.password}
      />
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? t("signUp.submitting") : t("signUp.submit")}
      </button>
    </form>
  );
}
