import type { ReactNode } from "react";

/** The centred card the sign-in and sign-up pages share; `corner` sits top right (Language). */
export function AuthCard({
  title,
  children,
  footer,
  corner,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
  corner?: ReactNode;
}) {
  return (
    <main className="relative flex min-h-dvh items-center justify-center bg-zinc-50 p-4 dark:bg-zinc-950">
      {corner && <div className="absolute top-3 right-3">{corner}</div>}
      <div className="w-full max-w-sm">
        <h1 className="mb-6 text-center text-2xl font-semibold tracking-tight">{title}</h1>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          {children}
        </div>
        <p className="mt-4 text-center text-sm text-zinc-600 dark:text-zinc-400">{footer}</p>
      </div>
    </main>
  );
}

export const primaryButton =
  "w-full rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60";
