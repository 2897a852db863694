"use client";

import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import type { ChatMessage, Reaction } from "@/party/protocol";
import { callAction, type MessageActions } from "./message-actions";
import { reactorsShown } from "./reactions";

// The picker and its web component load when first opened, not with the channel page.
const EmojiPicker = dynamic(() => import("./emoji-picker").then((m) => m.EmojiPicker), {
  ssr: false,
});

type Props = {
  message: ChatMessage;
  actions: MessageActions;
  /** Whether the picker is open (the message menu's "Add reaction" opens it too). */
  picking: boolean;
  onPickingChange: (open: boolean) => void;
};

/**
 * The reactions under a message: one chip per emoji (a toggle button named "EMOJI COUNT",
 * pressed when it is mine, listing who reacted on hover and focus), an "Add reaction" button,
 * and the picker. The chips change when the room's frame comes back, so every page, this one
 * included, shows the database's count.
 */
export function ReactionBar({ message, actions, picking, onPickingChange }: Props) {
  const t = useTranslations("reactions");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const reactions = message.reactions ?? [];

  const toggle = async (emoji: string, on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await callAction(actions.toggleReaction, {
        messageId: message.id,
        emoji,
        on: String(on),
      });
      if (!result.ok) setError(result.message);
    } catch {
      // The action could not be reached (offline, server gone): nothing was saved.
      setError(t("actions.failed"));
    } finally {
      setBusy(false);
    }
  };

  // Once a picker has opened here, the row (and its add button) stays: closing the picker puts
  // focus back on that button, which must not vanish with the picker when there are no chips yet.
  const [opened, setOpened] = useState(false);
  if (picking && !opened) setOpened(true);

  const closePicker = () => {
    onPickingChange(false);
    addButton.current?.focus();
  };

  if (reactions.length === 0 && !picking && !opened && !error) return null;
  return (
    <div className="relative mt-1">
      {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset */}
      <div role="group" aria-label={t("chips.label")} className="flex flex-wrap items-center gap-1">
        {reactions.map((r) => (
          <Chip
            key={r.emoji}
            reaction={r}
            disabled={busy}
            onToggle={() => void toggle(r.emoji, !r.mine)}
          />
        ))}
        <button
          ref={addButton}
          type="button"
          aria-label={t("chips.add")}
          title={t("chips.add")}
          aria-expanded={picking}
          onClick={() => (picking ? closePicker() : onPickingChange(true))}
          className="rounded-full border border-zinc-200 px-2 text-sm text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          +
        </button>
      </div>
      {picking && (
        <EmojiPicker
          onPick={(emoji) => {
            closePicker();
            const held = reactions.find((r) => r.emoji === emoji);
            // Picking an emoji one already reacted with leaves it on, as chat apps do.
            if (!held?.mine) void toggle(emoji, true);
          }}
          onClose={closePicker}
        />
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm wrap-anywhere text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

function Chip({
  reaction,
  disabled,
  onToggle,
}: {
  reaction: Reaction;
  disabled: boolean;
  onToggle: () => void;
}) {
  const t = useTranslations("reactions.chips");
  const locale = useLocale();
  const tooltipId = useId();
  const { names, others } = reactorsShown(reaction);
  const list = new Intl.ListFormat(locale, { type: others > 0 ? "unit" : "conjunction" }).format(
    names,
  );
  const who =
    others > 0
      ? t("whoMore", { names: list, others, emoji: reaction.emoji })
      : t("who", { names: list, emoji: reaction.emoji });
  return (
    <span className="group/chip relative">
      <button
        type="button"
        aria-pressed={reaction.mine}
        aria-describedby={tooltipId}
        disabled={disabled}
        onClick={onToggle}
        className="rounded-full border border-zinc-200 px-2 text-sm tabular-nums hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-pressed:border-indigo-400 aria-pressed:bg-indigo-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:border-indigo-500 dark:aria-pressed:bg-indigo-950"
      >
        {`${reaction.emoji} ${reaction.count}`}
      </button>
      <span
        role="tooltip"
        id={tooltipId}
        className="user-text pointer-events-none absolute bottom-full left-0 z-20 mb-1 hidden w-max max-w-64 rounded bg-zinc-900 px-2 py-1 text-xs text-white group-focus-within/chip:block group-hover/chip:block dark:bg-zinc-700"
      >
        {who}
      </span>
    </span>
  );
}
