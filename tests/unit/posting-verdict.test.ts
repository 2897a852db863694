import { describe, expect, it } from "vitest";
import { type PostingAuthor, postingVerdict } from "@/app/_lib/posting-verdict";

const NOW = Date.UTC(2026, 10, 1);
const later = new Date(NOW + 60_000);
const earlier = new Date(NOW - 60_000);
const member: PostingAuthor = { role: "member", bannedUntil: null, mutedUntil: null };
const open = { readOnly: false, archivedAt: null };

const verdict = (
  author: PostingAuthor | null,
  channel: { readOnly: boolean; archivedAt: Date | null } = open,
  body = "hello",
) => postingVerdict({ author, channel, body, now: NOW });

describe("postingVerdict", () => {
  it("lets a member post a normal body in an open channel", () => {
    expect(verdict(member)).toBeNull();
  });

  it("refuses a muted or banned author, saying until when", () => {
    expect(verdict({ ...member, mutedUntil: later })).toEqual({ reason: "muted", until: later });
    expect(verdict({ ...member, bannedUntil: later })).toEqual({ reason: "banned", until: later });
    // A ban outranks a mute; an expired one is no longer in force.
    expect(verdict({ ...member, bannedUntil: later, mutedUntil: later })?.reason).toBe("banned");
    expect(verdict({ ...member, mutedUntil: earlier })).toBeNull();
  });

  it("keeps read-only channels for staff", () => {
    const readOnly = { readOnly: true, archivedAt: null };
    expect(verdict(member, readOnly)).toEqual({ reason: "read_only" });
    expect(verdict({ ...member, role: "moderator" }, readOnly)).toBeNull();
    expect(verdict({ ...member, role: "admin" }, readOnly)).toBeNull();
  });

  it("refuses everything in an archived channel and from an unknown author", () => {
    expect(verdict({ ...member, role: "admin" }, { readOnly: false, archivedAt: earlier })).toEqual(
      { reason: "invalid" },
    );
    expect(verdict(null)).toEqual({ reason: "invalid" });
  });

  it("applies the body rules last", () => {
    expect(verdict(member, open, "   ")).toEqual({ reason: "empty" });
    expect(verdict(member, open, "x".repeat(4_001))).toEqual({ reason: "too_long" });
    expect(verdict({ ...member, mutedUntil: later }, open, "   ")?.reason).toBe("muted");
  });
});
