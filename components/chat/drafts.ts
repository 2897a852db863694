/**
 * What someone typed in a channel's composer and has not sent, kept per user and channel so
 * that switching to another channel and back finds it again.
 *
 * Kept in sessionStorage, not localStorage: a draft lives as long as the tab (a reload keeps
 * it), each tab keeps its own (two tabs on one channel do not overwrite each other's text), and
 * nothing unsent stays on the disk of a shared computer once the tab is closed. A new tab starts
 * empty. Keyed by user id too, so another account signed in later in the same tab never sees it.
 */
import { MAX_BODY_CHARS } from "@/party/protocol";

/** The part of the Web Storage API the drafts use (tests pass a Map-backed one). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Longest draft kept, in UTF-16 units: past what can be sent, with room for a long paste. */
const MAX_DRAFT_UNITS = MAX_BODY_CHARS * 4;

export function draftKey(userId: number, slug: string): string {
  return `chat:draft:${userId}:${slug}`;
}

/** The draft saved under `key`, or "" when there is none or storage cannot be read. */
export function readDraft(storage: DraftStorage | null, key: string): string {
  try {
    return storage?.getItem(key) ?? "";
  } catch {
    return "";
  }
}

/** Saves `text` as the draft (an empty or blank one removes it); storage that fails is ignored. */
export function writeDraft(storage: DraftStorage | null, key: string, text: string): void {
  if (!storage) return;
  try {
    if (text.trim() === "") storage.removeItem(key);
    else storage.setItem(key, text.slice(0, MAX_DRAFT_UNITS));
  } catch {
    // Full or forbidden (private mode, a sandboxed frame): the draft only lives in the box.
  }
}

/** The tab's sessionStorage, or null where it cannot be reached (server, sandboxed frame). */
export function sessionDrafts(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
