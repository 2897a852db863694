"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Most older pages a jump loads looking for a message (50 each): far enough for a reply to a
 * conversation of the day, bounded so one click cannot walk a whole channel's history.
 */
export const JUMP_MAX_PAGES = 20;
/** How long a message jumped to stays highlighted. */
const HIGHLIGHT_MS = 2_000;

export type JumpStatus = "finding" | "not-found" | null;

/**
 * Jumping to a message (a reply's quote to its parent): scroll it into view, focus it and
 * highlight it briefly; when it is not loaded, load older pages until it is (bounded), then do
 * the same once it has rendered.
 */
export function useMessageJump(args: {
  /** The list's element, where messages are found by their data-message-id. */
  list: () => HTMLElement | null;
  loadUntilHeld: (id: number, maxPages: number) => Promise<boolean>;
  /** Changes whenever the messages held change, so a loaded target is looked for again. */
  messages: unknown;
}) {
  const { list, loadUntilHeld, messages } = args;
  const [status, setStatus] = useState<JumpStatus>(null);
  const [target, setTarget] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reveal = useCallback(
    (id: number): boolean => {
      const el = list()?.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
      if (!el) return false;
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
      el.setAttribute("data-highlight", "");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => el.removeAttribute("data-highlight"), HIGHLIGHT_MS);
      return true;
    },
    [list],
  );

  useEffect(() => () => clearTimeout(timer.current), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: messages is the signal that the target may have rendered.
  useEffect(() => {
    if (target !== null && reveal(target)) setTarget(null);
  }, [target, reveal, messages]);

  const jump = useCallback(
    async (id: number) => {
      if (reveal(id)) {
        setStatus(null);
        return;
      }
      setStatus("finding");
      const held = await loadUntilHeld(id, JUMP_MAX_PAGES);
      setStatus(held ? null : "not-found");
      if (held) setTarget(id);
    },
    [reveal, loadUntilHeld],
  );

  return { jump, status };
}

/** Jumps once to `id` after the page has hydrated (a link to a message: `/c/SLUG?message=ID`). */
export function useJumpOnLoad(id: number | undefined, jump: (id: number) => Promise<void>) {
  const done = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (id === undefined || done.current === id) return;
    done.current = id;
    void jump(id);
  }, [id, jump]);
}
