import "server-only";
import { aliasedTable, and, desc, eq, lt, type SQL } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { channels, type ModerationActionKind, moderationActions, users } from "../schema";

/** Writes one audit-log row; pass the transaction that made the change so both land or neither. */
export async function recordAction(args: {
  db?: Executor;
  actorId: number | null;
  action: ModerationActionKind;
  targetUserId?: number | null;
  targetMessageId?: number | null;
  targetChannelId?: number | null;
  reason?: string;
  details?: Record<string, unknown>;
}): Promise<void> {
  await (args.db ?? getDb()).insert(moderationActions).values({
    actorId: args.actorId,
    action: args.action,
    targetUserId: args.targetUserId ?? null,
    targetMessageId: args.targetMessageId ?? null,
    targetChannelId: args.targetChannelId ?? null,
    reason: (args.reason ?? "").slice(0, 500),
    details: args.details ? JSON.stringify(args.details) : null,
  });
}

export type AuditEntry = {
  id: number;
  action: ModerationActionKind;
  reason: string;
  details: string | null;
  createdAt: Date;
  actor: { id: number; username: string } | null;
  target: { id: number; username: string } | null;
  messageId: number | null;
  channel: { id: number; slug: string } | null;
};

/** The audit log, newest first, filtered by action, actor or target username; cursor = id. */
export async function listActions(args: {
  action?: ModerationActionKind;
  actorUsername?: string;
  targetUsername?: string;
  before?: number;
  limit: number;
}): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const actor = aliasedTable(users, "actor");
  const target = aliasedTable(users, "target");
  const where: SQL[] = [];
  if (args.action) where.push(eq(moderationActions.action, args.action));
  if (args.actorUsername) where.push(eq(actor.username, args.actorUsername));
  if (args.targetUsername) where.push(eq(target.username, args.targetUsername));
  if (args.before) where.push(lt(moderationActions.id, args.before));
  const rows = await getDb()
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      reason: moderationActions.reason,
      details: moderationActions.details,
      createdAt: moderationActions.createdAt,
      actorId: actor.id,
      actorUsername: actor.username,
      targetId: target.id,
      targetUsername: target.username,
      messageId: moderationActions.targetMessageId,
      channelId: channels.id,
      channelSlug: channels.slug,
    })
    .from(moderationActions)
    .leftJoin(actor, eq(actor.id, moderationActions.actorId))
    .leftJoin(target, eq(target.id, moderationActions.targetUserId))
    .leftJoin(channels, eq(channels.id, moderationActions.targetChannelId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(moderationActions.id))
    .limit(args.limit + 1);
  return {
    hasMore: rows.length > args.limit,
    entries: rows.slice(0, args.limit).map((r) => ({
      id: r.id,
      action: r.action,
      reason: r.reason,
      details: r.details,
      createdAt: r.createdAt,
      actor: r.actorId && r.actorUsername ? { id: r.actorId, username: r.actorUsername } : null,
      target:
        r.targetId && r.targetUsername ? { id: r.targetId, username: r.targetUsername } : null,
      messageId: r.messageId,
      channel: r.channelId && r.channelSlug ? { id: r.channelId, slug: r.channelSlug } : null,
    })),
  };
}
