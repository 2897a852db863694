/**
 * When a mention becomes a web push: the rules alone, with the clock passed in, so unit tests
 * run them with a fake one. MySQL holds the state (push_pacing); dispatch.ts reads it, asks
 * these functions, and writes back what they say.
 */

/** How long a mention waits before it may be pushed: read on any device by then, no push. */
export const PUSH_DELAY_MS = 60_000;
/** At most one push per person and channel in this gap; what arrives inside goes as a digest. */
export const PUSH_CHANNEL_GAP_MS = 5 * 60_000;

/** A person's pacing for one channel (a push_pacing row, or none yet). */
export type PacingState = {
  heldCount: number;
  heldUpToId: number | null;
  dueAt: Date | null;
  lastSentAt: Date | null;
};

/** The state after `count` more mentions (the newest `upToId`) arrived at `now`. */
export function holdMentions(
  state: PacingState | null,
  mentions: { count: number; upToId: number },
  now: Date,
): PacingState {
  const lastSentAt = state?.lastSentAt ?? null;
  const grace = now.getTime() + PUSH_DELAY_MS;
  const gapEnd = lastSentAt ? lastSentAt.getTime() + PUSH_CHANNEL_GAP_MS : 0;
  return {
    heldCount: (state?.heldCount ?? 0) + mentions.count,
    heldUpToId: Math.max(state?.heldUpToId ?? 0, mentions.upToId),
    // Each new mention gets its full grace (the person may be reading right now), and nothing
    // goes before the channel's gap since the last push has passed.
    dueAt: new Date(Math.max(grace, gapEnd)),
    lastSentAt,
  };
}

/** One channel's held mentions as dispatch sees them when the person's room calls. */
export type HeldChannel = PacingState & {
  channelId: number;
  /** Read up to here (read_states, or the person's join baseline when never opened). */
  lastReadId: number;
  muted: boolean;
  /** Mentions of the person here, at most heldUpToId, unread and not deleted (capped). */
  unreadMentions: number;
};

export type PushDecision =
  /** Not yet: the grace period or the channel's gap is still running. */
  | { channelId: number; action: "wait"; dueAt: Date }
  /** Nothing to push: the held mentions are cleared. */
  | {
      channelId: number;
      action: "drop";
      reason: "muted" | "read" | "gone" | "page_open" | "no_device";
    }
  /** One push: a single mention (count 1) or a digest of `count`. */
  | { channelId: number; action: "send"; count: number };

export type PushPlan = {
  decisions: PushDecision[];
  /** When to call again (the earliest channel still waiting), or null when nothing is held. */
  nextDueAt: Date | null;
};

/**
 * Decides, for each channel with held mentions, whether a push goes now. `sockets` is how many
 * pages the person has open: an open page shows its own notice, so nothing is pushed and the
 * held mentions are cleared. `devices` is how many push subscriptions they have.
 */
export function planPushes(
  held: readonly HeldChannel[],
  context: { sockets: number; devices: number; now: Date },
): PushPlan {
  const now = context.now.getTime();
  const decisions: PushDecision[] = [];
  let nextDue: number | null = null;
  for (const row of held) {
    if (row.heldCount <= 0 || row.heldUpToId === null) continue;
    const gapEnd = row.lastSentAt ? row.lastSentAt.getTime() + PUSH_CHANNEL_GAP_MS : 0;
    const due = Math.max(row.dueAt?.getTime() ?? now, gapEnd);
    if (due > now) {
      decisions.push({ channelId: row.channelId, action: "wait", dueAt: new Date(due) });
      nextDue = nextDue === null ? due : Math.min(nextDue, due);
      continue;
    }
    const channelId = row.channelId;
    if (row.muted) decisions.push({ channelId, action: "drop", reason: "muted" });
    else if (row.lastReadId >= row.heldUpToId) {
      decisions.push({ channelId, action: "drop", reason: "read" });
    } else if (row.unreadMentions <= 0) {
      // Every held mention was read past, or its message deleted.
      decisions.push({ channelId, action: "drop", reason: "gone" });
    } else if (context.sockets > 0) {
      decisions.push({ channelId, action: "drop", reason: "page_open" });
    } else if (context.devices <= 0) {
      decisions.push({ channelId, action: "drop", reason: "no_device" });
    } else {
      const count = Math.min(row.heldCount, row.unreadMentions);
      decisions.push({ channelId, action: "send", count });
    }
  }
  return { decisions, nextDueAt: nextDue === null ? null : new Date(nextDue) };
}
