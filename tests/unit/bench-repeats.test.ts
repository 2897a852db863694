import { describe, expect, it } from "vitest";
import { failedForSure, median, medianRun, rateBetween, spreadOf } from "../bench/repeats";

describe("the bench's median and spread", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it("gives median, range and max/min − 1 in percent", () => {
    expect(spreadOf([100, 125, 110])).toEqual({
      median: 110,
      min: 100,
      max: 125,
      spread_pct: 25,
    });
  });

  it("skips runs without a value (no deliveries, no p99), and is null with none", () => {
    expect(spreadOf([null, 40, 60])?.median).toBe(50);
    expect(spreadOf([null, null])).toBeNull();
  });

  it("has no percentage when the smallest value is 0", () => {
    expect(spreadOf([0, 5, 9])?.spread_pct).toBeNull();
  });
});

describe("the median run", () => {
  const run = (clean: boolean, p99: number | null) => ({ clean, p99_ms: p99 });

  it("is clean when 2 of 3 runs are, whatever the third one did", () => {
    const middle = medianRun([run(true, 90), run(false, 900), run(true, 40)]);
    expect(middle).toEqual(run(true, 90));
  });

  it("is not clean when 2 of 3 runs are not", () => {
    expect(medianRun([run(true, 20), run(false, 300), run(false, null)])?.clean).toBe(false);
  });

  it("is the middle p99 among clean runs", () => {
    expect(medianRun([run(true, 30), run(true, 10), run(true, 20)])?.p99_ms).toBe(20);
  });

  it("is the worse of two: both must be clean", () => {
    expect(medianRun([run(true, 10), run(false, 300)])?.clean).toBe(false);
    expect(medianRun([run(true, 10), run(true, 30)])?.p99_ms).toBe(30);
  });

  it("is null without runs", () => {
    expect(medianRun([])).toBeNull();
  });
});

describe("stopping a step early", () => {
  const clean = { clean: true, p99_ms: 10 };
  const unclean = { clean: false, p99_ms: 500 };

  it("stops once two of three runs failed, since the verdict cannot change", () => {
    expect(failedForSure([unclean], 3)).toBe(false);
    expect(failedForSure([unclean, clean], 3)).toBe(false);
    expect(failedForSure([unclean, unclean], 3)).toBe(true);
  });

  it("never stops a step that may still be clean", () => {
    expect(failedForSure([clean, clean], 3)).toBe(false);
  });

  it("stops a single-run step at its failure", () => {
    expect(failedForSure([unclean], 1)).toBe(true);
  });
});

describe("refining between the last clean and the first unclean step", () => {
  it("takes the geometric middle, rounded to two significant digits", () => {
    expect(rateBetween(1_000, 2_000)).toBe(1_400);
    expect(rateBetween(1_000, 1_400)).toBe(1_200);
    expect(rateBetween(4_000, 6_000)).toBe(4_900);
    expect(rateBetween(250, 500)).toBe(350);
  });

  it("gives up when no round rate lies strictly between", () => {
    expect(rateBetween(1_000, 1_050)).toBeNull();
    expect(rateBetween(99, 100)).toBeNull();
  });
});
