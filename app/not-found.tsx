import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("chat.errors");
  return { title: t("notFoundTitle") };
}

/** 404 for any address no route answers, in the reader's language (Next's own is English). */
export default async function NotFound() {
  const t = await getTranslations("chat.errors");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t("notFoundText")}</p>
      <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
        {t("backToChannels")}
      </Link>
    </main>
  );
}
