"use client";

import { RetryError } from "@/components/ui/retry-error";

export default function ChannelError({ retry }: { error: unknown; retry: () => void }) {
  return <RetryError title="This channel could not be loaded" retry={retry} />;
}
