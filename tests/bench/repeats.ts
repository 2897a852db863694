/**
 * One step is run several times (three by default), each in a fresh room, because one run on a
 * shared machine can be off by a factor of two. A step's verdict is its median run's, and its
 * numbers are medians with the range they came from, so two runs of the bench can be compared.
 */

export type Spread = {
  median: number;
  min: number;
  max: number;
  /** max / min − 1, in percent: how far apart the best and worst runs are; null if min is 0. */
  spread_pct: number | null;
};

/** The middle value; for an even count, the mean of the two middle ones. Null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median and range of the values that exist (a run without deliveries has no p99). */
export function spreadOf(values: (number | null)[]): Spread | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const mid = median(present);
  if (mid === null) return null;
  const min = Math.min(...present);
  const max = Math.max(...present);
  return {
    median: mid,
    min,
    max,
    spread_pct: min > 0 ? Math.round((max / min - 1) * 1000) / 10 : null,
  };
}

/** What ranking runs needs: whether each is clean, and its tail latency. */
export type RankedRun = { clean: boolean; p99_ms: number | null };

/**
 * The median run: runs ranked clean first, then by p99 (none = worst), the one in the middle,
 * the worse of the two middle ones for an even count. So a step of three runs is clean when at
 * least two are, and a step of two when both are.
 */
export function medianRun<T extends RankedRun>(runs: T[]): T | null {
  const p99 = (r: RankedRun) => r.p99_ms ?? Number.POSITIVE_INFINITY;
  const ranked = [...runs].sort((a, b) => Number(b.clean) - Number(a.clean) || p99(a) - p99(b));
  return ranked[Math.floor(ranked.length / 2)] ?? null;
}

/**
 * True once the runs so far settle the verdict as "not clean" whatever the remaining runs do:
 * the step is then not run again (a falling-behind run is the slowest kind, and its numbers lie
 * above the peak). A clean verdict still gets every run, for its spread.
 */
export function failedForSure(runs: RankedRun[], planned: number): boolean {
  const unclean = runs.filter((r) => !r.clean).length;
  return unclean >= planned - Math.floor(planned / 2);
}

/**
 * The next rate to try between the highest clean step and the lowest one that was not: their
 * geometric middle, rounded to two significant digits. Null when no round rate lies between.
 */
export function rateBetween(clean: number, unclean: number): number | null {
  const mid = Math.sqrt(clean * unclean);
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(mid)) - 1);
  const rate = Math.round(mid / unit) * unit;
  return rate > clean && rate < unclean ? rate : null;
}
