/**
 * Who may do what to whom. Pure rules over roles and ownership, shared by every server action
 * and route (and unit-tested); the UI only uses them to hide what would be refused anyway.
 */
import type { Role } from "@/db/schema";

const RANK: Record<Role, number> = { member: 0, agent: 1, moderator: 2, admin: 3 };

export type Actor = { id: number; role: Role };
type Target = { id: number; role: Role };

/** True when `role` is at least `min`. */
export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** Moderators and admins see the admin pages. */
export const canOpenAdmin = (actor: Actor) => atLeast(actor.role, "moderator");

/**
 * Moderators delete any message; agents any in a support conversation (the caller has checked
 * they may open it: mayTouchMessage); anyone deletes their own.
 */
export function canDeleteMessage(
  actor: Actor,
  message: { authorId: number; channelKind?: "channel" | "conversation" },
): boolean {
  if (actor.id === message.authorId || atLeast(actor.role, "moderator")) return true;
  return message.channelKind === "conversation" && atLeast(actor.role, "agent");
}

/** Only the author edits a message: nobody may put words in someone else's mouth. */
export function canEditMessage(actor: Actor, message: { authorId: number }): boolean {
  return actor.id === message.authorId;
}

/** Ban, mute and lifting them: moderators and up, and only on someone of lower rank. */
export function canRestrict(actor: Actor, target: Target): boolean {
  return (
    actor.id !== target.id &&
    atLeast(actor.role, "moderator") &&
    RANK[actor.role] > RANK[target.role]
  );
}

/**
 * Role changes are for admins, never on themselves (so the last admin cannot lock everyone
 * out by accident); a moderator can therefore never make anyone an admin.
 */
export function canSetRole(actor: Actor, target: Target, _to: Role): boolean {
  return actor.role === "admin" && actor.id !== target.id;
}

/** Creating, renaming, read-only, slow mode and archiving channels. */
export const canManageChannels = (actor: Actor) => actor.role === "admin";

/** Who may post in a read-only channel and who skips slow mode. */
export const isStaff = (role: Role) => atLeast(role, "moderator");
