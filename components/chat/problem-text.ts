"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { problemWords } from "./problem-words";
import type { RoomProblem } from "./room-client";

/** The room client's problems in this page's language (see problem-words.ts). */
export function useProblemText(): (problem: RoomProblem) => string {
  const t = useTranslations("chat.problem");
  const locale = useLocale();
  return useCallback(
    (problem: RoomProblem) => problemWords(problem, (key, values) => t(key, values), locale),
    [t, locale],
  );
}
