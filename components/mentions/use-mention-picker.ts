"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { browserFetch } from "@/components/chat/app-fetch";
import { type MentionCandidates, mentionCandidatesSchema } from "./candidates";
import { type ActiveMention, activeMention, insertMention, type PickerKey } from "./mention-query";
import { HERE } from "./parse-mentions";

/** A pause in typing this long asks the server; faster keystrokes wait for it. */
const LOOKUP_DELAY_MS = 120;

export type PickerOption = { username: string; displayName: string | null };

const startsWith = (text: string, query: string) =>
  text.toLowerCase().startsWith(query.toLowerCase());

/**
 * The composer's `@` list: follows the `@word` at the caret, asks the candidates route (one
 * lookup per pause, answers cached per query for the page's life), and reads the list's keys.
 * `onInsert` receives the new text and caret when a person is picked.
 */
export function useMentionPicker(args: {
  channel: string | undefined;
  onInsert: (value: string, caret: number) => void;
}) {
  const { channel, onInsert } = args;
  const listId = useId();
  const [mention, setMention] = useState<ActiveMention | null>(null);
  const [caret, setCaret] = useState(0);
  const [value, setValue] = useState("");
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [answers, setAnswers] = useState<ReadonlyMap<string, MentionCandidates>>(new Map());
  const latest = useRef<MentionCandidates | null>(null);

  /** Call with the box's text and caret whenever either changes. */
  const track = useCallback((text: string, at: number) => {
    const found = activeMention(text, at);
    setValue(text);
    setCaret(at);
    setMention((prev) =>
      prev && found && prev.start === found.start && prev.query === found.query ? prev : found,
    );
    // Escape keeps the list shut only while the caret stays in that same @word.
    setDismissed((d) => (found && found.start === d ? d : null));
  }, []);

  const query = mention?.query;
  useEffect(() => {
    if (!channel || query === undefined || answers.has(query)) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await browserFetch(
          `/api/channels/${encodeURIComponent(channel)}/mention-candidates?q=${encodeURIComponent(query)}`,
          { signal: controller.signal },
        );
        if (!response.ok) return;
        const parsed = mentionCandidatesSchema.safeParse(await response.json());
        if (parsed.success) setAnswers((prev) => new Map(prev).set(query, parsed.data));
      } catch {
        // Aborted by the next keystroke, or offline: the list simply does not open.
      }
    }, LOOKUP_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [channel, query, answers]);

  const answer = query === undefined ? undefined : answers.get(query);
  if (answer) latest.current = answer;
  const options = useMemo<PickerOption[]>(() => {
    if (query === undefined) return [];
    // While a new answer is on its way, the last one narrowed to what still matches.
    const source = answer ?? latest.current;
    if (!source) return [];
    const people = source.candidates.filter(
      (c) => startsWith(c.username, query) || startsWith(c.displayName, query),
    );
    const here =
      source.here && startsWith(HERE, query) ? [{ username: HERE, displayName: null }] : [];
    return [...here, ...people];
  }, [query, answer]);

  const open = mention !== null && dismissed !== mention.start && options.length > 0;
  const selected = Math.min(active, Math.max(0, options.length - 1));
  // A new query starts again at the top of the list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is the signal.
  useEffect(() => setActive(0), [query]);

  const pick = useCallback(
    (option: PickerOption | undefined) => {
      if (!option || !mention) return;
      const next = insertMention(value, caret, mention, option.username);
      onInsert(next.value, next.caret);
      track(next.value, next.caret);
    },
    [mention, value, caret, onInsert, track],
  );

  /** Handles a list key; true when it was the list's (the caller prevents the default). */
  const key = useCallback(
    (k: PickerKey): boolean => {
      if (!open || !k || !mention) return false;
      if (k === "next") setActive((selected + 1) % options.length);
      else if (k === "previous") setActive((selected - 1 + options.length) % options.length);
      else if (k === "close") setDismissed(mention.start);
      else pick(options[selected]);
      return true;
    },
    [open, mention, selected, options, pick],
  );

  return {
    open,
    options,
    selected,
    listId,
    optionId: (i: number) => `${listId}-${i}`,
    track,
    key,
    pick,
    close: () => setMention(null),
  };
}

export type MentionPicker = ReturnType<typeof useMentionPicker>;
