import { describe, expect, it } from "vitest";
import { nextAssignee, type RoundRobinCandidate } from "@/app/_lib/support/round-robin";

const at = (n: number) => `2026-11-30 01:00:00.${String(n).padStart(6, "0")}`;

describe("whose turn it is", () => {
  it("is nobody's with nobody online", () => {
    expect(nextAssignee([])).toBeNull();
  });

  it("goes to someone never given one first, the lowest id among them", () => {
    expect(
      nextAssignee([
        { id: 5, lastAssignedAt: at(1) },
        { id: 9, lastAssignedAt: null },
        { id: 7, lastAssignedAt: null },
      ]),
    ).toBe(7);
  });

  it("then to the oldest turn, ties by lowest id", () => {
    expect(
      nextAssignee([
        { id: 3, lastAssignedAt: at(20) },
        { id: 8, lastAssignedAt: at(10) },
        { id: 6, lastAssignedAt: at(10) },
      ]),
    ).toBe(6);
  });

  it("cycles A, B, C, A when each pick stamps the chosen one", () => {
    const team: RoundRobinCandidate[] = [
      { id: 30, lastAssignedAt: null },
      { id: 10, lastAssignedAt: null },
      { id: 20, lastAssignedAt: null },
    ];
    const order: number[] = [];
    for (let turn = 1; turn <= 7; turn++) {
      const id = nextAssignee(team);
      if (id === null) throw new Error("nobody chosen");
      order.push(id);
      const chosen = team.find((c) => c.id === id);
      if (chosen) chosen.lastAssignedAt = at(turn);
    }
    expect(order).toEqual([10, 20, 30, 10, 20, 30, 10]);
  });

  it("compares microseconds, which a Date would lose", () => {
    expect(
      nextAssignee([
        { id: 1, lastAssignedAt: "2026-11-30 01:00:00.000502" },
        { id: 2, lastAssignedAt: "2026-11-30 01:00:00.000501" },
      ]),
    ).toBe(2);
  });
});
