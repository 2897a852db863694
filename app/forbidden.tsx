import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** 403: shown when a signed-in user opens a page their role does not allow. */
export default async function Forbidden() {
  const t = await getTranslations("chat.errors");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t("forbiddenText")}</p>
      <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
        {t("backToChannels")}
      </Link>
    </main>
  );
}
