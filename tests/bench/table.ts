/** The results as markdown, for stdout and the README. */
import type { BenchResults, RunRow } from "./results";

const int = (n: number | null) => (n === null ? "–" : Math.round(n).toLocaleString("en"));
const ms = (n: number | null) =>
  n === null ? "–" : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en");

function markdown(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, i) => (i < 2 ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

export function runsTable(runs: RunRow[]): string {
  return markdown(
    [
      "system",
      "workload",
      "offered msg/s",
      "stored msg/s",
      "delivered frames/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "lost",
      "doubled",
      "reordered",
      "server CPU %",
      "server RSS MB",
      "app CPU % / RSS MB",
      "db CPU %",
      "clean",
    ],
    runs.map((r) => [
      r.system,
      r.workload,
      int(r.offered),
      int(r.stored_per_s),
      int(r.delivered_per_s),
      ms(r.p50_ms),
      ms(r.p95_ms),
      ms(r.p99_ms),
      int(r.lost),
      int(r.doubled),
      int(r.reordered),
      int(r.server_cpu_pct),
      int(r.server_rss_mb),
      r.app_cpu_pct === null ? "–" : `${int(r.app_cpu_pct)} / ${int(r.app_rss_mb)}`,
      int(r.db_cpu_pct),
      r.error ? `error: ${r.error.slice(0, 60)}` : r.clean ? "yes" : "**no**",
    ]),
  );
}

export function peaksTable(results: BenchResults): string {
  return markdown(
    ["system", "workload", "peak msg/s (highest clean step)"],
    results.peaks.map((p) => [
      p.system,
      p.workload,
      p.peak === null ? "none clean" : `${int(p.peak)}${p.capped ? " (top step offered)" : ""}`,
    ]),
  );
}

export function goalsTable(results: BenchResults): string {
  return markdown(
    ["goal", "target", "measured", "met"],
    results.goals.map((g) => [
      g.goal,
      g.target,
      g.measured,
      g.met === null ? "?" : g.met ? "yes" : "**no**",
    ]),
  );
}

export function historyTable(results: BenchResults): string {
  const h = results.history;
  if (!h) return "";
  const row = (label: string, key: keyof typeof h.small, ratio: number) => [
    label,
    ms(h.small[key]),
    ms(h.large[key]),
    ratio.toFixed(2),
  ];
  return markdown(
    ["history (median)", `${int(h.rows_small)} rows, ms`, `${int(h.rows_large)} rows, ms`, "ratio"],
    [
      row("newest 50 (SQL)", "newest_query_ms", h.ratios.newest_query),
      row("50 from 99% back (SQL)", "deep_query_ms", h.ratios.deep_query),
      row("GET /c/<slug> first byte", "page_ttfb_ms", h.ratios.page_ttfb),
      row("GET /c/<slug> whole page", "page_total_ms", h.ratios.page_total),
    ],
  );
}

export function connectionsTable(results: BenchResults): string {
  const c = results.connections;
  if (!c) return "";
  return markdown(
    ["sockets asked", "held", "room RSS MB", "seconds to open"],
    c.steps.map((s) => [int(s.target), int(s.held), int(s.room_rss_mb), s.seconds.toFixed(1)]),
  );
}

/** Everything, as printed at the end of a run. */
export function report(results: BenchResults): string {
  const m = results.machine;
  const parts = [
    `Machine: ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, ${m.os}, Node ${m.node}, ${m.database}`,
    `Command: ${results.command} (${Math.round(results.duration_s)} s)`,
  ];
  if (results.runs.length > 0) parts.push("", runsTable(results.runs), "", peaksTable(results));
  if (results.goals.length > 0) parts.push("", goalsTable(results));
  if (results.history) parts.push("", historyTable(results));
  if (results.connections) {
    const c = results.connections;
    parts.push(
      "",
      connectionsTable(results),
      "",
      `Connections: ${int(c.held)} held (${c.users}); ${
        c.bytes_per_socket === null ? "–" : int(c.bytes_per_socket)
      } bytes of room RSS per socket; stopped: ${c.stopped_because}`,
    );
  }
  return parts.join("\n");
}
