import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function ChannelNotFound() {
  const t = await getTranslations("chat.channel");
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        {t("notFoundText")}{" "}
        <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
          {t("seeAll")}
        </Link>
      </p>
    </div>
  );
}
