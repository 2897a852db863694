"use client";

import {
  type ComponentProps,
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { z } from "zod";
import { browserFetch } from "@/components/chat/app-fetch";
import { MAX_MENTIONS_PER_MESSAGE, parseMentions } from "./parse-mentions";

/**
 * Whether an `@name` is a person: true, false, or undefined while nobody has asked yet. Absent
 * (a page without a provider, such as the Mentions page, whose entries are all real mentions),
 * every `@name` shows as one.
 */
const KnownNames = createContext<ReadonlyMap<string, boolean> | null>(null);

const answerSchema = z.object({ known: z.array(z.string()) });

/**
 * The names the messages held mention, looked up (GET /api/mention-names, 50 at a time) once
 * each for the page's life, so only `@name`s of people show as mentions.
 */
export function useKnownNames(bodies: readonly string[]): ReadonlyMap<string, boolean> {
  const [known, setKnown] = useState<ReadonlyMap<string, boolean>>(new Map());
  const wanted = useMemo(
    () => [...new Set(bodies.flatMap((b) => parseMentions(b).usernames))],
    [bodies],
  );
  useEffect(() => {
    const missing = wanted.filter((n) => !known.has(n));
    if (missing.length === 0) return;
    const batch = missing.slice(0, MAX_MENTIONS_PER_MESSAGE);
    const controller = new AbortController();
    void (async () => {
      try {
        const response = await browserFetch(`/api/mention-names?names=${batch.join(",")}`, {
          signal: controller.signal,
        });
        if (!response.ok) return;
        const answer = answerSchema.safeParse(await response.json());
        if (!answer.success) return;
        const found = new Set(answer.data.known);
        setKnown((prev) => {
          const next = new Map(prev);
          for (const name of batch) next.set(name, found.has(name));
          return next;
        });
      } catch {
        // Aborted for newer messages, or offline: the names stay shown as mentions meanwhile.
      }
    })();
    return () => controller.abort();
  }, [wanted, known]);
  return known;
}

export const KnownNamesProvider = KnownNames.Provider;

/**
 * The element a mention renders as (components/markdown/mentions.ts makes it): highlighted
 * unless the name is known to be nobody's, then its plain text.
 */
export function MentionName({
  node: _node,
  ...props
}: ComponentProps<"span"> & { "data-mention"?: string; node?: unknown }) {
  const known = useContext(KnownNames);
  const name = props["data-mention"];
  if (known && name !== undefined && known.get(name) === false) return <>{props.children}</>;
  return <span {...props} />;
}

/** Names already looked up on the server (`checked`, of which `known` are people), for a page's text. */
export function KnownNamesFromServer(props: {
  checked: string[];
  known: string[];
  children: ReactNode;
}) {
  const { checked, known } = props;
  const map = useMemo(() => {
    const people = new Set(known);
    return new Map(checked.map((n) => [n, people.has(n)]));
  }, [checked, known]);
  return <KnownNames.Provider value={map}>{props.children}</KnownNames.Provider>;
}
