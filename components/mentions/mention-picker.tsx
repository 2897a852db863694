"use client";

import { useTranslations } from "next-intl";
import type { MentionPicker } from "./use-mention-picker";

/**
 * The `@` list above the composer: a listbox the box controls (aria-controls and
 * aria-activedescendant on the box, so focus never leaves the text). A press picks without
 * taking focus from the box.
 */
export function MentionPickerList({ picker }: { picker: MentionPicker }) {
  const t = useTranslations("mentions");
  if (!picker.open) return null;
  return (
    <div
      id={picker.listId}
      role="listbox"
      aria-label={t("pickerLabel")}
      className="absolute right-3 bottom-full left-3 z-10 mb-1 max-h-64 overflow-y-auto rounded-lg border border-zinc-300 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {picker.options.map((option, i) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the box's (aria-activedescendant); a press here is the pointer's way.
        <div
          key={option.username}
          tabIndex={-1}
          id={picker.optionId(i)}
          role="option"
          aria-selected={i === picker.selected}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => picker.pick(option)}
          className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm ${i === picker.selected ? "bg-indigo-600 text-white" : "text-zinc-900 hover:bg-zinc-100 dark:text-zinc-100 dark:hover:bg-zinc-800"}`}
        >
          <span className="font-medium">@{option.username}</span>
          <span
            className={`user-text min-w-0 truncate ${i === picker.selected ? "text-indigo-100" : "text-zinc-600 dark:text-zinc-400"}`}
          >
            {option.displayName ?? t("hereOption")}
          </span>
        </div>
      ))}
    </div>
  );
}
