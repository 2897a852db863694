"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ChatMessage } from "@/party/protocol";
import { callAction, type MessageActions } from "./message-actions";

type Props = {
  message: ChatMessage;
  own: boolean;
  moderator: boolean;
  actions: MessageActions;
  onEdit: () => void;
  /** Opens the emoji picker for this message; the item shows when given. */
  onAddReaction?: () => void;
};

/**
 * The "⋯" menu on a message: add a reaction (everyone), edit (own), delete (own, or any for
 * moderators, with a reason).
 * The server checks every permission again; this only offers what it would allow.
 */
export function MessageMenu({ message, own, moderator, actions, onEdit, onAddReaction }: Props) {
  const t = useTranslations("chat.menu");
  const tr = useTranslations("reactions.chips");
  const [open, setOpen] = useState(false);
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    const result = await callAction(actions.deleteMessage, { messageId: message.id, reason });
    setBusy(false);
    if (!result.ok) setError(result.message);
    else setOpen(false);
  };

  return (
    <div className="relative">
      <button
        type="button"
        aria-label={t("label", { id: String(message.id) })}
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          setAskReason(false);
          setError(null);
        }}
        className="rounded px-1.5 text-zinc-500 opacity-0 group-hover:opacity-100 hover:bg-zinc-200 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-expanded:opacity-100 dark:hover:bg-zinc-700"
      >
        ⋯
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 z-10 mt-1 w-64 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {onAddReaction && (
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                onAddReaction();
              }}
              className="block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              {tr("add")}
            </button>
          )}
          {own && (
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                onEdit();
              }}
              className="block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              {t("edit")}
            </button>
          )}
          {!(own || moderator) ? null : !askReason ? (
            <button
              type="button"
              role="menuitem"
              onClick={() => (own ? remove() : setAskReason(true))}
              disabled={busy}
              className="block w-full rounded px-3 py-1.5 text-left text-sm text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
            >
              {t("delete")}
            </button>
          ) : (
            <form
              className="space-y-2 p-2"
              onSubmit={(e) => {
                e.preventDefault();
                void remove();
              }}
            >
              <input
                aria-label={t("reasonLabel")}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                maxLength={500}
                placeholder={t("reasonPlaceholder")}
                className="w-full rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-800"
              />
              <button
                type="submit"
                disabled={busy || !moderator}
                className="w-full rounded bg-red-600 px-2 py-1 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60"
              >
                {t("deleteForEveryone")}
              </button>
            </form>
          )}
          {error && (
            <p
              role="alert"
              className="px-3 py-1 text-sm wrap-anywhere text-red-700 dark:text-red-400"
            >
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
