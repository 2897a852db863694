import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** "Older" link for an id-cursor list: keeps the filters, moves the cursor. */
export async function OlderLink({
  path,
  params,
  before,
}: {
  path: string;
  params: Record<string, string | undefined>;
  before: number;
}) {
  const t = await getTranslations("admin");
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  query.set("before", String(before));
  return (
    <Link
      href={`${path}?${query}`}
      className="mt-4 inline-block text-sm text-indigo-700 underline dark:text-indigo-300"
    >
      {t("older")}
    </Link>
  );
}
