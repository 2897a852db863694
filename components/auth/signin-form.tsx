"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { primaryButton } from "./auth-card";
import { Field } from "./field";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  banned: "This account is banned.",
};

/** Only same-site paths are followed after sign-in, so a link cannot send people elsewhere. */
function safeCallback(url: string | undefined): string {
  return url?.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export function SignInForm({
  callbackUrl,
  initialError,
  github,
  notice,
  defaultUsername,
}: {
  callbackUrl?: string;
  initialError?: string;
  github: boolean;
  /** A line above the form, e.g. after an account was created without script. */
  notice?: string;
  defaultUsername?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    initialError ? (ERRORS[initialError] ?? "Sign-in failed. Try again.") : null,
  );
  const [busy, setBusy] = useState(false);
  const target = safeCallback(callbackUrl);

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setBusy(true);
          setError(null);
          const result = await signIn("credentials", {
            username: String(form.get("username") ?? ""),
            password: String(form.get("password") ?? ""),
            redirect: false,
          });
          if (!result || result.error) {
            setBusy(false);
            setError(ERRORS[result?.error ?? ""] ?? "Sign-in failed. Try again.");
            return;
          }
          router.replace(target);
          router.refresh();
        }}
      >
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
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          defaultValue={defaultUsername}
          required
          maxLength={32}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {github && (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl: target })}
          className="w-full rounded-lg border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Continue with GitHub
        </button>
      )}
    </div>
  );
}
