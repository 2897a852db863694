/**
 * Round-robin among the agents online: whose turn it is, as a pure rule (unit-tested). The
 * query layer locks the candidates' rows and stamps the chosen one, so two conversations started
 * at once never read the same "oldest" turn.
 */

export type RoundRobinCandidate = {
  id: number;
  /** "YYYY-MM-DD HH:MM:SS.ffffff" (sorts as text), or null for someone never given one. */
  lastAssignedAt: string | null;
};

/**
 * The agent to give the next conversation: someone never given one first (lowest id first),
 * then the one whose last conversation is oldest (ties by lowest id); null when nobody is online.
 */
export function nextAssignee(candidates: readonly RoundRobinCandidate[]): number | null {
  let best: RoundRobinCandidate | null = null;
  for (const c of candidates) {
    if (best === null || comesFirst(c, best)) best = c;
  }
  return best?.id ?? null;
}

function comesFirst(a: RoundRobinCandidate, b: RoundRobinCandidate): boolean {
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return true;
    if (b.lastAssignedAt === null) return false;
    return a.lastAssignedAt < b.lastAssignedAt;
  }
  return a.id < b.id;
}
