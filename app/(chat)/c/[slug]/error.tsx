"use client";

import { useTranslations } from "next-intl";
import { RetryError } from "@/components/ui/retry-error";

export default function ChannelError({ retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("chat.channel");
  return <RetryError title={t("loadFailed")} retry={retry} />;
}
