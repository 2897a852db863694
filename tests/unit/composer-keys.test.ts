import { describe, expect, it } from "vitest";
import {
  type ComposerKeyEvent,
  lastOwnMessage,
  shouldEditLast,
} from "@/components/chat/composer-keys";
import { type DraftStorage, draftKey, readDraft, writeDraft } from "@/components/chat/drafts";
import { chatMessage } from "./fixtures";

const key = (overrides: Partial<ComposerKeyEvent> = {}): ComposerKeyEvent => ({
  key: "ArrowUp",
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  keyCode: 38,
  ...overrides,
});

describe("ArrowUp in the composer", () => {
  it("edits the last message only from an empty box, with a bare ArrowUp", () => {
    expect(shouldEditLast(key(), "")).toBe(true);
    expect(shouldEditLast(key(), "a")).toBe(false);
    expect(shouldEditLast(key(), "\n")).toBe(false);
    expect(shouldEditLast(key({ key: "ArrowDown" }), "")).toBe(false);
    expect(shouldEditLast(key({ key: "Enter" }), "")).toBe(false);
    for (const mod of ["shiftKey", "altKey", "ctrlKey", "metaKey"] as const) {
      expect(shouldEditLast(key({ [mod]: true }), "")).toBe(false);
    }
  });

  it("leaves ArrowUp to an input method that is composing", () => {
    expect(shouldEditLast(key({ isComposing: true }), "")).toBe(false);
    // Safari: the key an input method takes comes as 229 with isComposing false.
    expect(shouldEditLast(key({ keyCode: 229 }), "")).toBe(false);
  });

  it("picks my newest stored message, not someone else's", () => {
    const me = { id: 5, name: "Me", image: null, role: "member" as const };
    const them = { id: 6, name: "Them", image: null, role: "member" as const };
    const messages = [
      chatMessage({ id: 1, author: me }),
      chatMessage({ id: 2, author: me }),
      chatMessage({ id: 3, author: them }),
    ];
    expect(lastOwnMessage(messages, 5)?.id).toBe(2);
    expect(lastOwnMessage(messages, 7)).toBeNull();
    expect(lastOwnMessage([], 5)).toBeNull();
  });
});

/** sessionStorage's behaviour, in memory; `broken` throws as a full or forbidden store does. */
function memoryStorage(broken = false): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  const guard = () => {
    if (broken) throw new DOMException("full", "QuotaExceededError");
  };
  return {
    map,
    getItem: (k) => {
      guard();
      return map.get(k) ?? null;
    },
    setItem: (k, v) => {
      guard();
      map.set(k, v);
    },
    removeItem: (k) => {
      guard();
      map.delete(k);
    },
  };
}

describe("drafts", () => {
  it("keeps one draft per user and channel", () => {
    const storage = memoryStorage();
    writeDraft(storage, draftKey(1, "general"), "half a thought");
    writeDraft(storage, draftKey(1, "random"), "other");
    writeDraft(storage, draftKey(2, "general"), "someone else's");
    expect(readDraft(storage, draftKey(1, "general"))).toBe("half a thought");
    expect(readDraft(storage, draftKey(1, "random"))).toBe("other");
    expect(readDraft(storage, draftKey(2, "general"))).toBe("someone else's");
    expect(readDraft(storage, draftKey(3, "general"))).toBe("");
  });

  it("forgets a draft that is emptied or sent (written blank)", () => {
    const storage = memoryStorage();
    const k = draftKey(1, "general");
    writeDraft(storage, k, "hello");
    writeDraft(storage, k, "  \n ");
    expect(storage.map.size).toBe(0);
    expect(readDraft(storage, k)).toBe("");
  });

  it("keeps a draft's text exactly, markup and all, and bounds its size", () => {
    const storage = memoryStorage();
    const k = draftKey(1, "general");
    writeDraft(storage, k, "<img src=x onerror=alert(1)>\n  你好 ");
    expect(readDraft(storage, k)).toBe("<img src=x onerror=alert(1)>\n  你好 ");
    writeDraft(storage, k, "x".repeat(1_000_000));
    expect(readDraft(storage, k).length).toBeLessThan(20_000);
  });

  it("never throws when storage is missing, full or forbidden", () => {
    const broken = memoryStorage(true);
    expect(() => writeDraft(broken, "k", "text")).not.toThrow();
    expect(readDraft(broken, "k")).toBe("");
    expect(() => writeDraft(null, "k", "text")).not.toThrow();
    expect(readDraft(null, "k")).toBe("");
  });
});
