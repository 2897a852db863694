"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

type Props = {
  /** Called with the chosen emoji (skin tone applied). */
  onPick: (emoji: string) => void;
  onClose: () => void;
};

/**
 * The emoji picker: emoji-picker-element (a keyboard-usable web component with a search box)
 * inside a small dialog. Its code is imported only when a picker first opens, so the channel
 * page does not carry it, and its data comes from our own /api/emoji-data route, never a CDN.
 * Escape or a click outside closes it.
 */
export function EmojiPicker({ onPick, onClose }: Props) {
  const t = useTranslations("reactions.picker");
  const locale = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  // The latest callbacks, so the element is built once per open rather than on every render.
  const pick = useRef(onPick);
  const close = useRef(onClose);
  useEffect(() => {
    pick.current = onPick;
    close.current = onClose;
  });

  useEffect(() => {
    let cancelled = false;
    const chinese = locale.startsWith("zh");
    let picker: HTMLElement | null = null;
    const chosen = (event: Event) => {
      const unicode = (event as CustomEvent<{ unicode?: string }>).detail.unicode;
      if (unicode) pick.current(unicode);
    };
    Promise.all([
      import("emoji-picker-element/picker.js"),
      chinese ? import("emoji-picker-element/i18n/zh_CN.js").then((m) => m.default) : undefined,
    ])
      .then(([{ default: Picker }, i18n]) => {
        if (cancelled || !host.current) return;
        const element = new Picker({
          dataSource: `/api/emoji-data/${chinese ? "zh" : "en"}`,
          locale: chinese ? "zh" : "en",
          ...(i18n && { i18n }),
          // Fixed rather than measured: the measurement draws emoji on a canvas, which a
          // browser without a colour emoji font fails, hiding every emoji.
          emojiVersion: 15.1,
        });
        element.addEventListener("emoji-click", chosen);
        element.className = "block";
        host.current.append(element);
        picker = element;
        setState("ready");
        focusSearch(element);
      })
      .catch(() => {
        if (!cancelled) setState("failed");
      });
    return () => {
      cancelled = true;
      picker?.removeEventListener("emoji-click", chosen);
      picker?.remove();
    };
  }, [locale]);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (dialog.current && !event.composedPath().includes(dialog.current)) close.current();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, []);

  return (
    <div
      ref={dialog}
      role="dialog"
      aria-label={t("title")}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
      }}
      className="absolute left-0 z-20 mt-1 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="flex justify-end">
        <button
          type="button"
          onClick={onClose}
          className="rounded px-2 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {t("close")}
        </button>
      </div>
      {state === "loading" && <p className="p-4 text-sm text-zinc-600">{t("loading")}</p>}
      {state === "failed" && (
        <p role="alert" className="p-4 text-sm text-red-700 dark:text-red-400">
          {t("failed")}
        </p>
      )}
      <div ref={host} />
    </div>
  );
}

/**
 * Puts focus in the picker's search box once it has rendered its shadow DOM (a frame or two
 * after it is attached), so a keyboard user can type at once.
 */
function focusSearch(element: HTMLElement, tries = 20): void {
  const input = element.shadowRoot?.querySelector("input");
  if (input) {
    input.focus();
    return;
  }
  if (tries > 0) requestAnimationFrame(() => focusSearch(element, tries - 1));
}
