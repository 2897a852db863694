"use client";

import { useTranslations } from "next-intl";
import { fillNames, NAME_MARKS, type Typist, typingLine } from "./typing-state";

/**
 * The line above the composer that says who is typing: one name, two, or "several people". A
 * polite live region that is always in the page, empty when nobody types, so that screen readers
 * hear it change without it taking focus or moving the layout.
 */
export function TypingIndicator({ typists }: { typists: Typist[] }) {
  const t = useTranslations("typing");
  const line = typingLine(typists);
  const [a, b] = NAME_MARKS;
  let parts: (string | { name: string })[] = [];
  if (line.kind === "one") parts = fillNames(t("one", { name: a }), [line.name]);
  else if (line.kind === "two")
    parts = fillNames(t("two", { first: a, second: b }), [line.first, line.second]);
  else if (line.kind === "several") parts = [t("several")];
  return (
    <p
      role="status"
      data-typing=""
      className="h-5 truncate px-4 text-xs leading-5 text-zinc-500 dark:text-zinc-400"
    >
      {parts.map((part, i) =>
        typeof part === "string" ? (
          part
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence never move.
          <span key={i} className="user-text font-medium">
            {part.name}
          </span>
        ),
      )}
    </p>
  );
}
