"use client";

import { useTranslations } from "next-intl";
import { RetryError } from "@/components/ui/retry-error";

export default function AdminError({ retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("admin.error");
  return <RetryError title={t("title")} retry={retry} />;
}
