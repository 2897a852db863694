"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { ChatMessage } from "@/party/protocol";
import { callAction, type MessageActions } from "./message-actions";

type Props = {
  message: ChatMessage;
  own: boolean;
  moderator: boolean;
  /** The edit and delete actions; null when this viewer may do neither. */
  actions: MessageActions | null;
  onEdit: () => void;
  /** Starts a reply to this message; absent when the viewer may not post here. */
  onReply?: () => void;
  /** Opens the reaction picker; absent where reactions are not offered. */
  onAddReaction?: () => void;
  /** Marks the channel unread from this message; resolves to a refusal, or null when done. */
  onMarkUnread?: () => Promise<string | null>;
};

const itemClass =
  "block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800";

/**
 * The "⋯" menu on a message: reply, add a reaction, edit (own), delete (own, or any for
 * moderators, with a reason). A menu button as WAI-ARIA describes it: Enter, Space or ArrowDown
 * open it on the first item, ArrowUp on the last; arrows, Home and End move among the items;
 * Escape closes it and gives focus back to the button; Tab or a click elsewhere closes it.
 * The server checks every permission again; this only offers what it would allow.
 */
export function MessageMenu({
  message,
  own,
  moderator,
  actions,
  onEdit,
  onReply,
  onAddReaction,
  onMarkUnread,
}: Props) {
  const t = useTranslations("chat.menu");
  const u = useTranslations("divider.menu");
  const menuId = useId();
  const [open, setOpen] = useState(false);
  /** Which item takes focus when the menu opens: the first, or the last (ArrowUp). */
  const [initial, setInitial] = useState<"first" | "last">("first");
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const canDelete = actions !== null && (own || moderator);
  const canEdit = actions !== null && own;

  const show = (at: "first" | "last") => {
    setInitial(at);
    setAskReason(false);
    setError(null);
    setOpen(true);
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  // Focus moves into the menu once it is rendered.
  useEffect(() => {
    if (open) focusItem(menu.current, initial === "first" ? 0 : -1);
  }, [open, initial]);

  // A press anywhere outside closes the menu (focus stays where the press put it).
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  // Enter and Space click the button, which opens the menu on its first item: a screen reader's
  // own activation sends a click without any key, and must open it just the same.
  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      show("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      show("last");
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === "Tab") {
      // Focus goes back to the button first, so Tab moves on from there and is not lost.
      close(true);
      return;
    }
    // Keys typed into the reason field are that field's own.
    const list = menuItems(menu.current);
    const at = list.indexOf(event.target as HTMLElement);
    if (at === -1) return;
    const move: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: list.length - 1,
    };
    const next = move[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusItem(menu.current, next);
  };

  const remove = async () => {
    if (!actions) return;
    setBusy(true);
    const result = await callAction(actions.deleteMessage, { messageId: message.id, reason });
    setBusy(false);
    if (!result.ok) setError(result.message);
    else setOpen(false);
  };

  const markUnread = async () => {
    if (!onMarkUnread || busy) return;
    setBusy(true);
    const refusal = await onMarkUnread();
    setBusy(false);
    if (refusal) setError(refusal);
    else close(true);
  };

  const pick = (action: () => void) => () => {
    close(false);
    action();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={t("label", { id: String(message.id) })}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : show("first"))}
        onKeyDown={onButtonKey}
        className="rounded px-1.5 text-zinc-500 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 hover:bg-zinc-200 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-expanded:opacity-100 pointer-coarse:opacity-100 dark:hover:bg-zinc-700"
      >
        ⋯
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("label", { id: String(message.id) })}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-10 mt-1 w-64 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {onReply && (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={pick(onReply)}
              className={itemClass}
            >
              {t("reply")}
            </button>
          )}
          {onAddReaction && (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={pick(onAddReaction)}
              className={itemClass}
            >
              {t("addReaction")}
            </button>
          )}
          {canEdit && (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={pick(onEdit)}
              className={itemClass}
            >
              {t("edit")}
            </button>
          )}
          {onMarkUnread && (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              // Not disabled while it works: a disabled button drops focus, and Escape must still
              // reach the menu to close it after a refusal.
              onClick={markUnread}
              aria-busy={busy}
              className={itemClass}
            >
              {u("markUnread")}
            </button>
          )}
          {canDelete &&
            (!askReason ? (
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => (own ? remove() : setAskReason(true))}
                disabled={busy}
                className={`${itemClass} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`}
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
                  // biome-ignore lint/a11y/noAutofocus: the reason field replaces the item that had focus.
                  autoFocus
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
                  className="w-full rounded bg-red-700 px-2 py-1 text-sm font-medium text-white hover:bg-red-600 disabled:opacity-60"
                >
                  {t("deleteForEveryone")}
                </button>
              </form>
            ))}
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

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])].filter(
    (el) => !el.disabled,
  );
}

/** Focuses the item at `index` (negative counts from the end, wrapping), as the one tab stop. */
function focusItem(menu: HTMLElement | null, index: number): void {
  const list = menuItems(menu);
  const target = list[((index % list.length) + list.length) % list.length];
  for (const el of list) el.tabIndex = el === target ? 0 : -1;
  target?.focus();
}
