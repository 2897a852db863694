"use client";

import { useTranslations } from "next-intl";
import type { ReplyParent } from "@/party/protocol";

type Props = {
  parent: ReplyParent;
  /** Jumps to the parent; absent for a quote that cannot (a pending message's). */
  onJump?: (id: number) => void;
};

/**
 * The one line above a reply that quotes the message it answers: its author and the start of
 * its text, as plain text (Markdown is not rendered in a quote). It is a button that jumps to the
 * parent, unless the parent was deleted: then it says so and goes nowhere.
 */
export function ReplyQuote({ parent, onJump }: Props) {
  const t = useTranslations("replies");
  const frame =
    "mb-0.5 flex max-w-full min-w-0 items-baseline gap-1.5 border-l-2 border-zinc-300 pl-2 text-left text-sm text-zinc-600 dark:border-zinc-600 dark:text-zinc-400";
  if (parent.deleted) {
    return (
      <p className={`${frame} italic`} data-reply-quote="deleted">
        <span className="sr-only">{t("inReplyTo")}</span>
        {t("deleted")}
      </p>
    );
  }
  const content = (
    <>
      <span className="sr-only">{t("inReplyTo")}</span>
      <span className="user-text shrink-0 font-medium text-zinc-800 dark:text-zinc-200">
        {parent.authorName}
      </span>
      {/* One line: the excerpt's own line breaks become spaces, and the rest is cut. */}
      <span className="user-text line-clamp-1 min-w-0">{parent.excerpt.replace(/\s+/g, " ")}</span>
    </>
  );
  if (!onJump) {
    return (
      <p className={frame} data-reply-quote="">
        {content}
      </p>
    );
  }
  return (
    <button
      type="button"
      onClick={() => onJump(parent.id)}
      data-reply-quote=""
      className={`${frame} rounded-r hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800`}
    >
      {content}
    </button>
  );
}
