"use client";

import { useTranslations } from "next-intl";
import { type RefObject, useEffect, useRef, useState } from "react";
import { MentionPickerList } from "@/components/mentions/mention-picker";
import { pickerKey } from "@/components/mentions/mention-query";
import { useMentionPicker } from "@/components/mentions/use-mention-picker";
import { MAX_BODY_CHARS, type ReplyParent } from "@/party/protocol";
import { shouldEditLast } from "./composer-keys";
import { readDraft, sessionDrafts, writeDraft } from "./drafts";
import type { SendRefusal } from "./use-channel-room";
import { useEnterSends } from "./use-enter-sends";

type Props = {
  /** Sends the text; returns why it was refused outright, or null once it is on its way. */
  onSend: (body: string) => SendRefusal | null;
  disabled?: boolean;
  /** Why the box is disabled, in the reader's words. */
  disabledReason?: string;
  /** A standing line under the box (slow mode), in the reader's words. */
  notice?: string | null;
  /** The message the next send answers, shown above the box; null when not replying. */
  replyingTo?: ReplyParent | null;
  /** Drops the reply (its button, or Escape in the box). */
  onCancelReply?: () => void;
  /** The text changed (not by sending): the user is typing. */
  onTyping?: () => void;
  /** ArrowUp in the empty box: opens the editor on my last message; false when there is none. */
  onEditLast?: () => boolean;
  /** Where the unsent text is kept for this user and channel (drafts.ts); none when absent. */
  draftKey?: string;
  /** The box itself, for the channel view to give focus back to after an edit. */
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** The channel whose `@` completion this box offers (components/mentions); none when absent. */
  mentionsIn?: string;
};

/**
 * The message box: Enter sends, Shift+Enter starts a new line, and an Enter that an input method
 * uses (picking a Pinyin candidate) never sends. ArrowUp in the empty box edits my last message.
 * What is typed and not sent is kept per channel (drafts.ts) and comes back with the channel.
 */
export function Composer(props: Props) {
  const { onSend, disabled, disabledReason, notice, onTyping, onEditLast, draftKey } = props;
  const { replyingTo, onCancelReply } = props;
  const t = useTranslations("chat.composer");
  const r = useTranslations("replies");
  const [body, setBody] = useState("");
  const [error, setError] = useState<SendRefusal | null>(null);
  const ownBox = useRef<HTMLTextAreaElement>(null);
  const box = props.inputRef ?? ownBox;
  const length = [...body].length;

  // The draft is read after hydration, not while rendering: the server has no sessionStorage,
  // and the first render must match its markup. Text typed before hydration is kept instead.
  useEffect(() => {
    if (!draftKey) return;
    const draft = readDraft(sessionDrafts(), draftKey);
    if (draft) setBody((typed) => typed || draft);
  }, [draftKey]);

  const change = (text: string) => {
    setBody(text);
    if (draftKey) writeDraft(sessionDrafts(), draftKey, text);
    if (text !== "") onTyping?.();
  };

  const submit = () => {
    const refusal = onSend(body);
    setError(refusal);
    if (!refusal) {
      setBody("");
      if (draftKey) writeDraft(sessionDrafts(), draftKey, "");
    }
    box.current?.focus();
  };
  const enter = useEnterSends(submit);
  const picker = useMentionPicker({
    channel: props.mentionsIn,
    onInsert: (text, caret) => {
      change(text);
      requestAnimationFrame(() => box.current?.setSelectionRange(caret, caret));
    },
  });
  const m = useTranslations("mentions");
  const replyId = replyingTo?.id;

  // Picking Reply on a message brings the writer here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the box is a ref (the channel view's or our own); the effect runs for a new reply target only.
  useEffect(() => {
    if (replyId !== undefined) box.current?.focus();
  }, [replyId]);

  const errorText =
    error === "empty"
      ? t("empty")
      : error === "too_long"
        ? t("tooLong", { max: MAX_BODY_CHARS })
        : null;

  return (
    <form
      className="relative border-t border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {replyingTo && onCancelReply && (
        <div className="mb-2 flex items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          {/* The name is user text: it wraps anywhere rather than widening the page. */}
          <span className="user-text min-w-0" data-replying-to="">
            {r("replyingTo", { name: replyingTo.authorName })}
          </span>
          <button
            type="button"
            onClick={() => {
              onCancelReply();
              box.current?.focus();
            }}
            className="shrink-0 rounded px-2 py-0.5 text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          >
            {r("cancel")}
          </button>
        </div>
      )}
      <MentionPickerList picker={picker} />
      <div className="flex items-end gap-2">
        <textarea
          ref={box}
          aria-label={t("label")}
          aria-describedby="composer-hint"
          name="body"
          rows={1}
          value={body}
          disabled={disabled}
          placeholder={disabled ? disabledReason : t("placeholder")}
          aria-autocomplete="list"
          aria-controls={picker.open ? picker.listId : undefined}
          aria-activedescendant={picker.open ? picker.optionId(picker.selected) : undefined}
          onChange={(e) => {
            change(e.target.value);
            picker.track(e.target.value, e.target.selectionStart);
            if (error) setError(null);
          }}
          onSelect={(e) => picker.track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onBlur={picker.close}
          onKeyDown={(e) => {
            // The open list takes its keys first: Enter picks and never sends, Escape closes the
            // list and leaves a reply in place.
            if (picker.key(pickerKey(e.nativeEvent))) {
              e.preventDefault();
              return;
            }
            if (e.key === "Escape" && replyingTo && onCancelReply && !e.nativeEvent.isComposing) {
              e.preventDefault();
              onCancelReply();
              return;
            }
            if (shouldEditLast(e.nativeEvent, e.currentTarget.value) && onEditLast?.()) {
              e.preventDefault();
              return;
            }
            enter.onKeyDown(e);
          }}
          onCompositionEnd={enter.onCompositionEnd}
          className="max-h-48 min-h-10 min-w-0 flex-1 resize-none rounded-lg border border-zinc-300 bg-white px-3 py-2 text-zinc-900 [field-sizing:content] placeholder:text-zinc-400 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800"
        />
        <button
          type="submit"
          disabled={disabled}
          className="h-10 shrink-0 rounded-lg bg-indigo-600 px-4 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-50"
        >
          {t("send")}
        </button>
      </div>
      <div id="composer-hint" className="mt-1 flex justify-between gap-2 text-xs text-zinc-500">
        <span
          role={errorText ? "alert" : undefined}
          className={`min-w-0 wrap-anywhere ${errorText ? "text-red-600 dark:text-red-400" : ""}`}
        >
          {errorText ??
            (disabled ? disabledReason : picker.open ? m("pickerHint") : (notice ?? t("hint")))}
        </span>
        {length > MAX_BODY_CHARS * 0.9 && (
          <span className={`shrink-0 ${length > MAX_BODY_CHARS ? "text-red-600" : ""}`}>
            {t("count", { length, max: MAX_BODY_CHARS })}
          </span>
        )}
      </div>
    </form>
  );
}
