"use client";

import { useTranslations } from "next-intl";
import { useProblemText } from "./problem-text";
import type { ConnectionStatus, RoomProblem } from "./use-channel-room";

/** A quiet line under the header while the live connection is not open, with the reason. */
export function ConnectionBanner({
  status,
  problem,
}: {
  status: ConnectionStatus;
  problem: RoomProblem | null;
}) {
  const t = useTranslations("chat.connection");
  const problemText = useProblemText();
  if (status === "open" && !problem) return null;
  const text = problem
    ? problemText(problem)
    : status === "connecting"
      ? t("connecting")
      : status === "reconnecting"
        ? t("reconnecting")
        : t("disconnected");
  const serious = status === "stopped" || Boolean(problem);
  return (
    <div
      role="status"
      className={`px-4 py-1.5 text-sm wrap-anywhere ${serious ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
    >
      {text}
    </div>
  );
}
