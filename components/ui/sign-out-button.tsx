"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

/** Signs out and returns to the sign-in page. */
export function SignOutButton() {
  const t = useTranslations("chat.nav");
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="rounded px-2 py-1 text-sm whitespace-nowrap text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      {t("signOut")}
    </button>
  );
}
