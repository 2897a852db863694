import "server-only";
import { getDb } from "@/db";
import { assignIfUnassigned, lockOnlineAgents, stampAssigned } from "@/db/queries/conversations";
import { recordAction } from "@/db/queries/moderation";
import { nextAssignee } from "./round-robin";

/** InnoDB's answer when two transactions wait on each other; one is rolled back and may retry. */
function isDeadlock(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    if (code === "ER_LOCK_DEADLOCK" || errno === 1213) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const ATTEMPTS = 3;

/**
 * Gives a new conversation to the online agent whose turn is oldest (round-robin), in one
 * transaction: lock the online agents' rows, pick, assign, stamp the agent's turn, audit. A
 * concurrent start waits on the locks and then sees the stamp, so consecutive conversations go
 * A, B, C, A… With nobody online it stays unassigned. Returns the assignee's id, or null.
 *
 * The audit row has no actor (nobody did it) and `details.auto` set; the admin log shows it as
 * automatic.
 */
export async function autoAssign(args: {
  channelId: number;
  visitorId: number;
  now?: Date;
}): Promise<number | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().transaction(async (tx) => {
        const candidates = await lockOnlineAgents({ db: tx, now: args.now ?? new Date() });
        const chosen = nextAssignee(candidates);
        if (chosen === null) return null;
        // Someone took it by hand in the meantime: theirs, and nobody's turn is used up.
        if (!(await assignIfUnassigned({ db: tx, channelId: args.channelId, assigneeId: chosen })))
          return null;
        await stampAssigned({ db: tx, userId: chosen });
        await recordAction({
          db: tx,
          actorId: null,
          action: "assign_conversation",
          targetUserId: args.visitorId,
          targetChannelId: args.channelId,
          details: { from: null, to: chosen, auto: true },
        });
        return chosen;
      });
    } catch (error) {
      // A heartbeat moving an agent into the locked range can deadlock with us; InnoDB undid
      // our work, so trying again is safe.
      if (attempt < ATTEMPTS && isDeadlock(error)) continue;
      throw error;
    }
  }
}
