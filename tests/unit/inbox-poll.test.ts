import { describe, expect, it } from "vitest";
import { DEFAULT_INBOX_POLL_MS, inboxPollMs } from "@/app/_lib/support/inbox-poll";

describe("inboxPollMs", () => {
  it("takes a sane setting and falls back to 30 s for anything else", () => {
    expect(inboxPollMs(undefined)).toBe(DEFAULT_INBOX_POLL_MS);
    expect(inboxPollMs("")).toBe(DEFAULT_INBOX_POLL_MS);
    expect(inboxPollMs("600000")).toBe(600_000);
    // Too fast would hammer the server; nonsense is ignored rather than fatal.
    expect(inboxPollMs("10")).toBe(DEFAULT_INBOX_POLL_MS);
    expect(inboxPollMs("soon")).toBe(DEFAULT_INBOX_POLL_MS);
    expect(inboxPollMs("1e12")).toBe(DEFAULT_INBOX_POLL_MS);
  });
});
