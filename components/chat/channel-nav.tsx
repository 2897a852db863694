"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

export type NavChannel = { slug: string; name: string; topic: string };

/** The sidebar's channel links, with the open channel marked for sight and screen readers. */
export function ChannelNav({ channels }: { channels: NavChannel[] }) {
  const t = useTranslations("chat.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")}>
      <ul className="space-y-0.5">
        {channels.map((c) => {
          const current = pathname === `/c/${c.slug}`;
          return (
            <li key={c.slug}>
              <Link
                href={`/c/${c.slug}`}
                aria-current={current ? "page" : undefined}
                className={`user-text block rounded-md px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${current ? "bg-indigo-600 font-medium text-white" : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                <span aria-hidden="true" className="opacity-60">
                  #{" "}
                </span>
                {c.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
