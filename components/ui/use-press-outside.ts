"use client";

import { type RefObject, useEffect, useRef } from "react";

/**
 * Calls `onOutside` when a pointer goes down anywhere outside `ref`'s element while `active`:
 * how a popup (a menu, a picker) closes on a click elsewhere. It reads the event's composed
 * path, so a press inside a shadow root within the element (a web component) counts as inside.
 * Focus stays where the press put it.
 */
export function usePressOutside(
  ref: RefObject<HTMLElement | null>,
  active: boolean,
  onOutside: () => void,
): void {
  // The latest callback, so a new function on every render does not re-subscribe.
  const latest = useRef(onOutside);
  useEffect(() => {
    latest.current = onOutside;
  });

  useEffect(() => {
    if (!active) return;
    const outside = (event: PointerEvent) => {
      const element = ref.current;
      if (element && !event.composedPath().includes(element)) latest.current();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [active, ref]);
}
