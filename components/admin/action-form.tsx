"use client";

import { type ReactNode, startTransition, useActionState } from "react";

// Type only: erased from the client bundle, so the server module never reaches the browser.
import type { FormServerAction as Action } from "@/app/_lib/guarded-action";

/**
 * A small form bound to a server action, showing the action's answer beside its button. The
 * server decides everything; this only carries the fields and the reply.
 */
export function ActionForm({
  action,
  submit,
  children,
  danger,
  label,
}: {
  action: Action;
  submit: string;
  children?: ReactNode;
  danger?: boolean;
  /** Accessible name of the form, e.g. "Ban alice". */
  label: string;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form
      // Before the script runs (or without it) the browser POSTs to the server action, never a
      // GET that would put the fields in the URL. Once hydrated, onSubmit calls the action
      // itself: React clears the fields after a submit it made, and a refused ban should keep
      // its reason for the second try.
      action={formAction}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => formAction(form));
      }}
      aria-label={label}
      className="flex flex-wrap items-center gap-2"
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
  );
}

export const inputClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
