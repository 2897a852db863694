"use client";

import { type ReactNode, startTransition, useActionState } from "react";
import type { FormServerAction as Action } from "@/app/_lib/guarded-action";

/**
 * A form whose action makes a secret (a site's signing secret): like ActionForm, and when the
 * answer carries the secret it is shown here, in this answer only. Nothing keeps it: a reload
 * renders the page without it, and it is never put in a URL.
 */
export function SecretForm({
  action,
  submit,
  children,
  label,
  secretLabel,
  secretNote,
  danger,
}: {
  action: Action;
  submit: string;
  children?: ReactNode;
  label: string;
  secretLabel: string;
  secretNote: string;
  danger?: boolean;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-2">
      <form
        // Before hydration the browser POSTs to the action and the answer renders below; after,
        // onSubmit keeps the typed fields when the server refuses them.
        action={formAction}
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          startTransition(() => formAction(form));
        }}
        aria-label={label}
        className="flex flex-wrap items-end gap-2"
      >
        {children}
        <button
          type="submit"
          disabled={pending}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-600" : "bg-indigo-600 hover:bg-indigo-500"}`}
        >
          {pending ? "…" : submit}
        </button>
        {result && (
          <span
            role="status"
            className={`text-sm ${result.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
          >
            {result.message}
          </span>
        )}
      </form>
      {result?.ok && result.secret && (
        <section
          aria-label={secretLabel}
          className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-zinc-900 dark:bg-amber-950 dark:text-zinc-100"
        >
          <p className="font-medium">{secretLabel}</p>
          <code className="block break-all font-mono" data-testid="site-secret">
            {result.secret}
          </code>
          <p className="mt-1">{secretNote}</p>
        </section>
      )}
    </div>
  );
}
