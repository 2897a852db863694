import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

/**
 * The bar at the top of each signed-in page; on phones it carries the way back and sign-out.
 * Title and subtitle may be people's words (a channel's name and topic): each keeps to one line
 * and ends in an ellipsis rather than widening the page; the full text is in `title`.
 */
export function PageHeader({
  title,
  subtitle,
  back,
  actions,
}: {
  title: ReactNode;
  subtitle?: string;
  back?: boolean;
  /** Controls at the end of the bar (e.g. the channel's mute button). */
  actions?: ReactNode;
}) {
  const t = useTranslations("chat.nav");
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
      {back && (
        <Link
          href="/"
          className="rounded px-1 text-zinc-500 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 md:hidden dark:hover:text-zinc-100"
        >
          <span aria-hidden="true">←</span>
          <span className="sr-only">{t("allChannels")}</span>
        </Link>
      )}
      <div className="min-w-0 flex-1">
        <h1
          className="truncate font-semibold"
          title={typeof title === "string" ? title : undefined}
        >
          {title}
        </h1>
        {subtitle && (
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={subtitle}>
            {subtitle}
          </p>
        )}
      </div>
      {actions && <div className="shrink-0">{actions}</div>}
      <div className="shrink-0 md:hidden">
        <SignOutButton />
      </div>
    </header>
  );
}
