"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/party/protocol";
import { isImeKeyDown } from "./enter-sends";
import { callAction, type MessageActions } from "./message-actions";
import { useEnterSends } from "./use-enter-sends";

/**
 * Inline editing of one's own message: Enter saves, Escape cancels; neither while an input
 * method is composing (there Enter picks a candidate and Escape drops it). It opens with the
 * caret after the text, where a correction usually goes; `onDone` (saved or cancelled) lets the
 * channel view give the composer its focus back.
 */
export function MessageEditor({
  message,
  actions,
  onDone,
}: {
  message: ChatMessage;
  actions: MessageActions;
  onDone: () => void;
}) {
  const t = useTranslations("chat.editor");
  const [body, setBody] = useState(message.body);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = box.current;
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = async () => {
    setBusy(true);
    const result = await callAction(actions.editMessage, { messageId: message.id, body });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.message);
  };
  const enter = useEnterSends(() => void save());
  return (
    <div className="mt-1 space-y-1">
      <textarea
        ref={box}
        aria-label={t("label")}
        value={body}
        // biome-ignore lint/a11y/noAutofocus: the person just chose "Edit"; the box is where they type next.
        autoFocus
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !isImeKeyDown(e.nativeEvent)) onDone();
          else enter.onKeyDown(e);
        }}
        onCompositionEnd={enter.onCompositionEnd}
        className="w-full resize-none rounded-lg border border-zinc-300 bg-white px-3 py-2 [field-sizing:content] dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex items-center gap-2 text-sm">
        <button
          type="button"
          disabled={busy}
          onClick={() => void save()}
          className="rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {t("save")}
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded px-3 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          {t("cancel")}
        </button>
        {error && (
          <span role="alert" className="min-w-0 wrap-anywhere text-red-700 dark:text-red-400">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
