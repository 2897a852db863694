"use client";

import { useEffect } from "react";

/**
 * Keeps the agent counted as online while a /support page is open (a beat a minute, each good
 * for two): visitors are told someone answers, and the inbox's live events reach this person.
 */
export function AgentHeartbeat({ beat }: { beat: () => Promise<void> }) {
  useEffect(() => {
    void beat();
    const timer = setInterval(() => void beat(), 60_000);
    return () => clearInterval(timer);
  }, [beat]);
  return null;
}
