import { REJECT_TEXT } from "@/party/protocol";
import { Avatar } from "./avatar";
import { MessageBody } from "./message-body";
import type { PendingMessage } from "./timeline";
import { PERMANENT_YEAR } from "./until";

type Props = {
  message: PendingMessage;
  authorName: string;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
};

/** One of the user's own messages not stored yet: sending, or failed with its reason and a retry. */
export function PendingItem({ message, authorName, onRetry, onDiscard }: Props) {
  const failed = message.status === "failed";
  return (
    <li className="flex gap-3 px-4 py-2" data-pending={message.status} aria-busy={!failed}>
      <Avatar name={authorName} image={null} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className="truncate font-semibold text-zinc-900 dark:text-zinc-100">
            {authorName}
          </span>
          <span
            className={`text-xs ${failed ? "text-red-600 dark:text-red-400" : "text-zinc-500"}`}
          >
            {failed ? "Not sent" : "Sending…"}
          </span>
        </div>
        <MessageBody
          body={message.body}
          className={failed ? "text-zinc-500" : "text-zinc-500 dark:text-zinc-400"}
        />
        {failed && (
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm" role="alert">
            <span className="text-red-700 dark:text-red-400">
              {message.reason ? REJECT_TEXT[message.reason] : "Not sent"}
              {message.until && <Until iso={message.until} />}
            </span>
            <button
              type="button"
              onClick={() => onRetry(message.clientId)}
              className="rounded px-2 py-0.5 font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
            >
              Retry
            </button>
            <button
              type="button"
              onClick={() => onDiscard(message.clientId)}
              className="rounded px-2 py-0.5 text-zinc-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400"
            >
              Discard
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

/** " until 14:05" (or a date when not today), or " permanently". */
function Until({ iso }: { iso: string }) {
  const date = new Date(iso);
  if (date.getUTCFullYear() >= PERMANENT_YEAR) return <> permanently</>;
  const today = new Date().toDateString() === date.toDateString();
  const text = today
    ? date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" })
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      {" until "}
      <time dateTime={iso}>{text}</time>
    </>
  );
}
