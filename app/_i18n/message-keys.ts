import { catalogue } from "./catalogue";
import { DEFAULT_LOCALE } from "./locales";
import type { MessageKey } from "./message";

/**
 * Whether a string read at run time (a zod issue's message) names a catalogue entry. English
 * is the reference catalogue: the other has the same keys (unit-tested).
 */
export function isMessageKey(value: string): value is MessageKey {
  let node: unknown = catalogue(DEFAULT_LOCALE);
  for (const part of value.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}
