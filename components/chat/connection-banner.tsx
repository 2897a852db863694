import type { ConnectionStatus } from "./use-channel-room";

/** A quiet line under the header while the live connection is not open, with the reason. */
export function ConnectionBanner({
  status,
  problem,
}: {
  status: ConnectionStatus;
  problem: string | null;
}) {
  if (status === "open" && !problem) return null;
  const text =
    problem ??
    (status === "connecting"
      ? "Connecting…"
      : status === "reconnecting"
        ? "Connection lost. Reconnecting…"
        : "Disconnected.");
  const serious = status === "stopped" || Boolean(problem);
  return (
    <div
      role="status"
      className={`px-4 py-1.5 text-sm ${serious ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
    >
      {text}
    </div>
  );
}
