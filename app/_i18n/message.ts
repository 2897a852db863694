import type { Messages } from "./catalogue";

/** Every key of the catalogue, dotted ("chat.composer.send"): a typo is a compile error. */
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

/** A value put into a message: plain, or another message translated first. */
export type MessageValue = string | number | Date | Msg;

/**
 * Words for a person, not yet in any language: code that decides what to say (server actions,
 * the rules) returns these, and the edge that knows the reader's language translates them.
 */
export type Msg = { key: MessageKey; values?: Record<string, MessageValue> };

export function msg(key: MessageKey, values?: Record<string, MessageValue>): Msg {
  return values ? { key, values } : { key };
}
