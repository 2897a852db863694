import { describe, expect, it } from "vitest";
import { judgeGoals, peakRatio } from "../bench/goals";
import { peaksOf, type RunRow, summarizeSteps } from "../bench/results";
import type { SystemName, Workload } from "../bench/systems";

/** One run; `clean` decides the verdict, the rest only needs to be plausible. */
function run(
  system: SystemName,
  workload: Workload,
  offered: number,
  repeat: number,
  clean: boolean,
  p99 = clean ? 50 : 400,
): RunRow {
  return {
    system,
    workload,
    offered,
    repeat,
    planned: offered * 2,
    clients: 10,
    senders: 10,
    duration_s: 2,
    sent: offered * 2,
    acked: offered * 2,
    rejected: 0,
    stored: offered * 2,
    stored_per_s: offered - repeat,
    delivered_per_s: offered * 10,
    p50_ms: 10,
    p95_ms: p99 - 5,
    p99_ms: p99,
    max_ms: p99 + 5,
    lost: 0,
    missing_deliveries: 0,
    doubled: 0,
    reordered: 0,
    clean,
    not_clean: clean ? [] : [`p99 ${p99} ms > 250`],
    drained_after_ms: 5,
    server_cpu_pct: 50,
    server_rss_mb: 100,
    app_cpu_pct: null,
    app_rss_mb: null,
    db_cpu_pct: null,
    generator_cpu_pct: 30,
    generator_lag_max_ms: 1,
    store_batches: null,
    db_queries_per_msg: null,
    db_rows_read_per_msg: null,
  };
}

/** Three runs of one step, clean as given. */
const step = (s: SystemName, w: Workload, rate: number, cleans: boolean[]) =>
  cleans.map((c, i) => run(s, w, rate, i, c));

describe("step summaries", () => {
  it("give each step its medians, its range and its median run's verdict", () => {
    const [summary] = summarizeSteps([
      run("us", "busy", 1_000, 0, true, 40),
      run("us", "busy", 1_000, 1, false, 300),
      run("us", "busy", 1_000, 2, true, 60),
    ]);
    expect(summary?.runs).toBe(3);
    expect(summary?.clean_runs).toBe(2);
    expect(summary?.clean).toBe(true);
    expect(summary?.p99_ms).toMatchObject({ median: 60, min: 40, max: 300 });
    expect(summary?.stored_per_s).toMatchObject({ median: 999, min: 998, max: 1_000 });
    expect(summary?.not_clean).toEqual(["run 2: p99 300 ms > 250"]);
  });
});

describe("peaks", () => {
  const steps = summarizeSteps([
    ...step("us", "busy", 1_000, [true, true, true]),
    ...step("us", "busy", 2_000, [true, false, true]),
    ...step("us", "busy", 4_000, [false, true, false]),
    ...step("store-then-broadcast", "busy", 250, [true, true, true]),
    ...step("store-then-broadcast", "busy", 500, [false, false]),
  ]);

  it("are the highest step clean on its median run, within every-run and any-run bounds", () => {
    const [ours, theirs] = peaksOf(steps, 8_000);
    expect(ours).toMatchObject({ peak: 2_000, low: 1_000, high: 4_000, capped: false });
    expect(theirs).toMatchObject({ peak: 250, low: 250, high: 250 });
  });

  it("are capped when the top rate offered was clean", () => {
    expect(peaksOf(steps, 2_000)[0]?.capped).toBe(true);
  });

  it("are none when no step was clean", () => {
    const none = peaksOf(summarizeSteps(step("bare-broadcast", "crowd", 500, [false, false])), 1);
    expect(none[0]).toMatchObject({ peak: null, low: null, high: null });
  });

  it("give a goal's ratio from the median peaks, and its worst and best pairing", () => {
    const [ours, theirs] = peaksOf(steps, 8_000);
    if (!ours || !theirs) throw new Error("no peaks");
    expect(peakRatio(ours, theirs)).toEqual({ ratio: 8, low: 4, high: 16 });
    const [busy] = judgeGoals(steps, [ours, theirs], null, null);
    expect(busy).toMatchObject({ met: true, ratio: 8, ratio_low: 4, ratio_high: 16 });
    expect(busy?.measured).toContain("8.00× (4.00×–16.00×)");
  });

  it("judge our p99 at their peak on our next step up when we did not run their rate", () => {
    const goals = judgeGoals(steps, peaksOf(steps, 8_000), null, null);
    const p99 = goals.find((g) => g.goal.startsWith("busy: our p99"));
    expect(p99?.measured).toContain("at 1,000 msg/s");
    expect(p99?.met).toBe(true);
  });

  it("count no clean step of ours against a clean one of theirs as a miss", () => {
    const lone = summarizeSteps([
      ...step("us", "busy", 250, [false, false]),
      ...step("store-then-broadcast", "busy", 250, [true, true, true]),
    ]);
    const [busy] = judgeGoals(lone, peaksOf(lone, 8_000), null, null);
    expect(busy).toMatchObject({ met: false, ratio: null });
    expect(busy?.measured).toContain("no clean step of ours");
  });
});
