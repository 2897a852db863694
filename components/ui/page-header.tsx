import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

/** The bar at the top of each signed-in page; on phones it carries the way back and sign-out. */
export function PageHeader({
  title,
  subtitle,
  back,
}: {
  title: ReactNode;
  subtitle?: string;
  back?: boolean;
}) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
      {back && (
        <Link
          href="/"
          className="rounded px-1 text-zinc-500 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 md:hidden dark:hover:text-zinc-100"
        >
          <span aria-hidden="true">←</span>
          <span className="sr-only">All channels</span>
        </Link>
      )}
      <div className="min-w-0 flex-1">
        <h1 className="truncate font-semibold">{title}</h1>
        {subtitle && (
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{subtitle}</p>
        )}
      </div>
      <div className="md:hidden">
        <SignOutButton />
      </div>
    </header>
  );
}
