"use client";

import { type KeyboardEvent, useCallback, useEffect, useRef } from "react";
import { shouldSendOnEnter } from "./enter-sends";

/**
 * Props for a textarea where Enter does `action` (send, save) and Shift+Enter starts a new line,
 * never while an input method is composing: see enter-sends.ts for the rules.
 */
export function useEnterSends(action: () => void) {
  // Set by compositionend and cleared once the current task is over, so only an Enter that
  // arrives with the commit itself is held back.
  const justEnded = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onCompositionEnd = useCallback(() => {
    justEnded.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      justEnded.current = false;
    }, 0);
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTextAreaElement>) => {
      if (!shouldSendOnEnter(e.nativeEvent, justEnded.current)) return;
      e.preventDefault();
      action();
    },
    [action],
  );

  return { onKeyDown, onCompositionEnd };
}
