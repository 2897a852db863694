import { describe, expect, it } from "vitest";
import {
  atLeast,
  canDeleteMessage,
  canEditMessage,
  canManageChannels,
  canOpenAdmin,
  canRestrict,
  canSetRole,
  isStaff,
} from "@/app/_lib/permissions";
import type { Role } from "@/db/schema";

const member = { id: 1, role: "member" as Role };
const member2 = { id: 2, role: "member" as Role };
const mod = { id: 3, role: "moderator" as Role };
const mod2 = { id: 4, role: "moderator" as Role };
const admin = { id: 5, role: "admin" as Role };
const admin2 = { id: 6, role: "admin" as Role };

describe("permission rules", () => {
  it("orders roles member < moderator < admin", () => {
    expect(atLeast("admin", "moderator")).toBe(true);
    expect(atLeast("moderator", "moderator")).toBe(true);
    expect(atLeast("member", "moderator")).toBe(false);
    expect(atLeast("moderator", "admin")).toBe(false);
  });

  it("lets moderators and admins open the admin pages, nobody else", () => {
    expect([member, mod, admin].map(canOpenAdmin)).toEqual([false, true, true]);
  });

  it("deletes: anyone their own, moderators and admins anyone's", () => {
    expect(canDeleteMessage(member, { authorId: member.id })).toBe(true);
    expect(canDeleteMessage(member, { authorId: member2.id })).toBe(false);
    expect(canDeleteMessage(mod, { authorId: admin.id })).toBe(true);
    expect(canDeleteMessage(admin, { authorId: member.id })).toBe(true);
    // An agent removes abuse from a support conversation, never from a community channel.
    const agent = { id: 9, role: "agent" as const };
    expect(canDeleteMessage(agent, { authorId: member.id, channelKind: "conversation" })).toBe(
      true,
    );
    expect(canDeleteMessage(agent, { authorId: member.id, channelKind: "channel" })).toBe(false);
    expect(canDeleteMessage(member, { authorId: member2.id, channelKind: "conversation" })).toBe(
      false,
    );
  });

  it("edits: only the author, whatever their role", () => {
    expect(canEditMessage(member, { authorId: member.id })).toBe(true);
    expect(canEditMessage(mod, { authorId: member.id })).toBe(false);
    expect(canEditMessage(admin, { authorId: member.id })).toBe(false);
  });

  it("restricts (ban, mute) only someone of lower rank, never oneself", () => {
    expect(canRestrict(member, member2)).toBe(false);
    expect(canRestrict(mod, member)).toBe(true);
    expect(canRestrict(mod, mod2)).toBe(false);
    expect(canRestrict(mod, admin)).toBe(false);
    expect(canRestrict(admin, mod)).toBe(true);
    expect(canRestrict(admin, admin2)).toBe(false);
    expect(canRestrict(admin, admin)).toBe(false);
  });

  it("changes roles: admins only, never their own; so moderators cannot make admins", () => {
    expect(canSetRole(mod, member, "admin")).toBe(false);
    expect(canSetRole(mod, member, "moderator")).toBe(false);
    expect(canSetRole(member, member2, "admin")).toBe(false);
    expect(canSetRole(admin, member, "admin")).toBe(true);
    expect(canSetRole(admin, mod, "member")).toBe(true);
    expect(canSetRole(admin, admin, "member")).toBe(false);
  });

  it("manages channels: admins only; staff post in read-only channels and skip slow mode", () => {
    expect([member, mod, admin].map(canManageChannels)).toEqual([false, false, true]);
    expect((["member", "moderator", "admin"] as Role[]).map(isStaff)).toEqual([false, true, true]);
  });
});
