"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { MessageKey } from "@/app/_i18n/message";
import type { SignInState } from "@/app/(auth)/signin/actions";
import { primaryButton } from "./auth-card";
import { Field } from "./field";

// Codes NextAuth puts in `?error=` when a sign-in through its own endpoints fails (GitHub, API).
const ERRORS: Record<string, MessageKey> = {
  CredentialsSignin: "auth.errors.wrongCredentials",
  banned: "auth.errors.accountBanned",
  throttled: "auth.errors.throttled",
  busy: "common.errors.busy",
};

type Action = (previous: SignInState, form: FormData) => Promise<SignInState>;

/**
 * The sign-in form. It posts to a server action, so it works the same before the page's script
 * has run (a native POST) and after (no reload); a password never ends up in a URL.
 */
export function SignInForm({
  action,
  callbackPath,
  initialError,
  github,
  notice,
  defaultUsername,
}: {
  action: Action;
  /** Already checked to be a path on this site. */
  callbackPath: string;
  initialError?: string;
  github: boolean;
  /** A line above the form, e.g. after an account was created without script. */
  notice?: string;
  defaultUsername?: string;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  // The query string is anyone's to write: only a known code picks a message.
  const errorKey =
    initialError && Object.hasOwn(ERRORS, initialError) ? ERRORS[initialError] : null;
  const error =
    state.status === "error"
      ? state.error
      : initialError
        ? t(errorKey ?? "auth.errors.signInFailed")
        : null;

  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        {notice && !error && (
          <p
            role="status"
            className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200"
          >
            {notice}
          </p>
        )}
        {error && (
          <p
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {error}
          </p>
        )}
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <Field
          label={t("auth.fields.username")}
          name="username"
          autoComplete="username"
          required
          maxLength={32}
          // React resets a form after its action; keep the username so only the password is retyped.
          defaultValue={state.status === "error" ? state.username : defaultUsername}
          key={state.status === "error" ? state.username : "idle"}
        />
        <Field
          label={t("auth.fields.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
        </button>
      </form>
      {github && (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl: callbackPath })}
          className="w-full rounded-lg border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t("auth.signIn.github")}
        </button>
      )}
    </div>
  );
}
