import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireStaff } from "../_lib/staff";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: { default: t("title"), template: `%s · ${t("title")}` } };
}

/** The admin shell. Each page checks the role again itself: a layout is not re-run on every navigation. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff("/admin");
  const t = await getTranslations("admin");
  return (
    <div className="min-h-dvh">
      <header className="flex flex-wrap items-center gap-4 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <Link
          href="/"
          className="font-semibold focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {t("layout.backToChat")}
        </Link>
        <AdminNav admin={user.role === "admin"} />
        <span className="ml-auto text-sm text-zinc-500">
          {t("layout.signedInAs", { name: user.displayName, role: t(`roles.${user.role}`) })}
        </span>
      </header>
      <main className="mx-auto max-w-6xl p-4">{children}</main>
    </div>
  );
}
