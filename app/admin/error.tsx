"use client";

import { RetryError } from "@/components/ui/retry-error";

export default function AdminError({ retry }: { error: unknown; retry: () => void }) {
  return <RetryError title="This admin page could not be loaded" retry={retry} />;
}
