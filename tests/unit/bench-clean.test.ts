import { describe, expect, it } from "vitest";
import { type CleanInput, whyNotClean } from "../bench/clean";
import { choosePinning, parseCpuList } from "../bench/pinning";

const perfect: CleanInput = {
  planned: 4_000,
  sent: 4_000,
  acked: 4_000,
  rejected: 0,
  stored: 4_000,
  lost: 0,
  missing_deliveries: 0,
  doubled: 0,
  reordered: 0,
  p99_ms: 120,
};

describe("a clean run", () => {
  it("is one that kept every promise", () => {
    expect(whyNotClean(perfect)).toEqual([]);
    expect(whyNotClean({ ...perfect, stored: null })).toEqual([]);
    expect(whyNotClean({ ...perfect, p99_ms: 250 })).toEqual([]);
  });

  it("is not one whose p99 passed 250 ms, though nothing was lost (the issue's 826 ms peak)", () => {
    expect(whyNotClean({ ...perfect, p99_ms: 826 })).toEqual(["p99 826 ms > 250"]);
  });

  it("is not one that stored fewer than were offered", () => {
    expect(whyNotClean({ ...perfect, stored: 3_552 })).toEqual(["stored 3,552/4,000"]);
  });

  it("is not one that the generator could not offer in full, or that the server did not ack", () => {
    expect(whyNotClean({ ...perfect, sent: 3_990, acked: 3_990 })).toEqual([
      "sent 3,990/4,000",
      "acked 3,990/4,000",
    ]);
  });

  it("names each loss, double, reorder and rejection", () => {
    expect(
      whyNotClean({
        ...perfect,
        lost: 2,
        missing_deliveries: 150,
        doubled: 1,
        reordered: 3,
        rejected: 4,
      }),
    ).toEqual(["rejected 4", "lost 2 (150 deliveries)", "doubled 1", "reordered 3"]);
  });

  it("is not one that delivered nothing, or that failed", () => {
    expect(whyNotClean({ ...perfect, p99_ms: null })).toContain("no deliveries");
    expect(whyNotClean({ ...perfect, error: "HTTP 503" })).toEqual(["error: HTTP 503"]);
  });
});

describe("CPU pinning", () => {
  it("reads the kernel's CPU lists", () => {
    expect(parseCpuList("0-1")).toEqual([0, 1]);
    expect(parseCpuList("0,2-3\n")).toEqual([0, 2, 3]);
    expect(parseCpuList("5")).toEqual([5]);
    expect(() => parseCpuList("3-1")).toThrow();
  });

  it("puts the generator on the first CPU and every system on the second", () => {
    expect(choosePinning([0, 1], true).pinning).toEqual({ generator: "0", systems: "1" });
    expect(choosePinning([2, 5, 7], true).pinning).toEqual({ generator: "2", systems: "5" });
  });

  it("runs unpinned, and says so, without taskset or a second CPU", () => {
    const noTaskset = choosePinning([0, 1], false);
    expect(noTaskset.pinning).toBeNull();
    expect(noTaskset.note).toMatch(/UNPINNED: taskset not found/);
    expect(choosePinning([0], true).note).toMatch(/UNPINNED/);
  });
});
