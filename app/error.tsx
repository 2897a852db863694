"use client";

import { useTranslations } from "next-intl";
import { RetryError } from "@/components/ui/retry-error";

/** Any page without an error page of its own (the root layout's provider is still above it). */
export default function PageError({ retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("chat.errors");
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <RetryError title={t("pageFailed")} retry={retry} />
    </main>
  );
}
