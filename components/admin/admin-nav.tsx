"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const LINKS = [
  { href: "/admin/messages", label: "messages" },
  { href: "/admin/users", label: "users" },
  { href: "/admin/channels", label: "channels" },
  { href: "/admin/audit", label: "audit" },
] as const;

/** Pages for admins only (the page checks again on the server). */
const ADMIN_LINKS = [{ href: "/admin/sites", label: "sites" }] as const;

export function AdminNav({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname();
  const t = useTranslations("admin.nav");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-1">
      {[...LINKS, ...(admin ? ADMIN_LINKS : [])].map((l) => {
        const current = pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${current ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
          >
            {t(l.label)}
          </Link>
        );
      })}
    </nav>
  );
}
