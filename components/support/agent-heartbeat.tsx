"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Keeps the agent counted as online while a /support page is open (a beat a minute, each good
 * for two), and, on the list, refreshes it every few seconds so new conversations show up.
 */
export function AgentHeartbeat({
  beat,
  refreshEveryMs,
}: {
  beat: () => Promise<void>;
  refreshEveryMs?: number;
}) {
  const router = useRouter();
  useEffect(() => {
    void beat();
    const timer = setInterval(() => void beat(), 60_000);
    return () => clearInterval(timer);
  }, [beat]);
  useEffect(() => {
    if (!refreshEveryMs) return;
    const timer = setInterval(() => router.refresh(), refreshEveryMs);
    return () => clearInterval(timer);
  }, [router, refreshEveryMs]);
  return null;
}
