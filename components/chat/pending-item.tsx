"use client";

import { useLocale, useTranslations } from "next-intl";
import { MAX_BODY_CHARS } from "@/party/protocol";
import { Avatar } from "./avatar";
import { MessageBody } from "./message-body";
import { ReplyQuote } from "./reply-quote";
import type { PendingMessage } from "./timeline";
import { untilText } from "./until";

type Props = {
  message: PendingMessage;
  authorName: string;
  /** False when it continues the viewer's group above: no avatar or visible name then. */
  startsGroup: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
};

/**
 * One of the user's own messages not stored yet: sending (queued by the pacer or on its way, the
 * same to the reader), or failed with its reason and a retry.
 */
export function PendingItem({ message, authorName, startsGroup, onRetry, onDiscard }: Props) {
  const t = useTranslations("chat.pending");
  const common = useTranslations("common");
  const composer = useTranslations("composer");
  const locale = useLocale();
  const failed = message.status === "failed";

  // Pending messages exist only in the browser (never server-rendered), so local time is safe here.
  let why = t("notSent");
  if (message.reason) {
    const reason = common(`reject.${message.reason}`, { max: MAX_BODY_CHARS });
    const time = message.until === null ? undefined : untilText(message.until, locale);
    why =
      time === undefined
        ? reason
        : time === null
          ? t("reasonPermanently", { reason })
          : t("reasonUntil", { reason, time });
  }

  // Still sending, held by slow mode: it goes by itself at that time.
  const heldUntil = !failed && message.until !== null ? untilText(message.until, locale) : null;
  const status = (
    <span
      className={`shrink-0 text-xs ${failed ? "text-red-600 dark:text-red-400" : "text-zinc-500"}`}
    >
      {failed
        ? t("notSent")
        : heldUntil
          ? composer("slowModeSendsAt", { time: heldUntil })
          : t("sending")}
    </span>
  );

  return (
    <li
      className={`relative flex gap-3 px-4 ${startsGroup ? "mt-1 pt-2 pb-0.5" : "py-0.5"}`}
      data-pending={message.status}
      aria-busy={!failed}
    >
      {startsGroup ? (
        <Avatar name={authorName} image={null} />
      ) : (
        <>
          <span className="sr-only">{authorName}</span>
          <span className="w-8 shrink-0" />
        </>
      )}
      <div className="min-w-0 flex-1">
        {startsGroup && (
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="user-text min-w-0 font-semibold text-zinc-900 dark:text-zinc-100">
              {authorName}
            </span>
            {status}
          </div>
        )}
        {message.replyTo && <ReplyQuote parent={message.replyTo} />}
        <MessageBody
          body={message.body}
          className={failed ? "text-zinc-500" : "text-zinc-500 dark:text-zinc-400"}
        />
        {failed && (
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm" role="alert">
            <span className="min-w-0 wrap-anywhere text-red-700 dark:text-red-400">{why}</span>
            <button
              type="button"
              onClick={() => onRetry(message.clientId)}
              className="rounded px-2 py-0.5 font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
            >
              {t("retry")}
            </button>
            <button
              type="button"
              onClick={() => onDiscard(message.clientId)}
              className="rounded px-2 py-0.5 text-zinc-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400"
            >
              {t("discard")}
            </button>
          </div>
        )}
      </div>
      {!startsGroup && <span className="pt-0.5">{status}</span>}
    </li>
  );
}
