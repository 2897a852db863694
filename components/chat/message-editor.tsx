"use client";

import { useState } from "react";
import type { ChatMessage } from "@/party/protocol";
import { callAction, type MessageActions } from "./message-actions";

/** Inline editing of one's own message: Enter saves, Escape cancels. */
export function MessageEditor({
  message,
  actions,
  onDone,
}: {
  message: ChatMessage;
  actions: MessageActions;
  onDone: () => void;
}) {
  const [body, setBody] = useState(message.body);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const result = await callAction(actions.editMessage, { messageId: message.id, body });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.message);
  };
  return (
    <div className="mt-1 space-y-1">
      <textarea
        aria-label="Edit message"
        value={body}
        // biome-ignore lint/a11y/noAutofocus: the person just chose "Edit"; the box is where they type next.
        autoFocus
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            void save();
          }
          if (e.key === "Escape") onDone();
        }}
        className="w-full resize-none rounded-lg border border-zinc-300 bg-white px-3 py-2 [field-sizing:content] dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex items-center gap-2 text-sm">
        <button
          type="button"
          disabled={busy}
          onClick={() => void save()}
          className="rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          Save
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded px-3 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        {error && (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
