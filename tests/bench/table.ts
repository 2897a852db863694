/** The results as markdown, for stdout and the README. */
import { P99_LIMIT_MS } from "./clean";
import type { Spread } from "./repeats";
import type { BenchResults, StepSummary } from "./results";
import type { SupportResult } from "./support";

const int = (n: number | null) => (n === null ? "–" : Math.round(n).toLocaleString("en"));
const ms = (n: number | null) =>
  n === null ? "–" : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en");

function markdown(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, i) => (i < 2 ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

/** "median (min–max)", or just the median when every run agreed. */
function spread(s: Spread | null, show: (n: number | null) => string): string {
  if (s === null) return "–";
  const lo = show(s.min);
  const hi = show(s.max);
  return lo === hi ? show(s.median) : `${show(s.median)} (${lo}–${hi})`;
}

export const STEPS_LEGEND = (repeats: number) =>
  [
    `Each step ran ${repeats === 1 ? "once" : `${repeats} times`}, each run in a fresh room; numbers are medians over its runs, (min–max) where the runs differ.`,
    `A run is clean when every offered message was acked, stored (MySQL row count) and delivered to every client exactly once and in order, with p99 ≤ ${P99_LIMIT_MS} ms.`,
    "A step is clean when its median run is (runs ranked clean first, then by p99): 2 of 3. A step whose first runs already settle it as not clean is not run again.",
    "Peak: the highest clean step. Its range [low–high]: the highest step at which every run was clean – the highest at which any run was.",
  ].join("\n");

export function stepsTable(steps: StepSummary[]): string {
  return markdown(
    [
      "system",
      "workload",
      "offered msg/s",
      "clean runs",
      "stored msg/s",
      "delivered frames/s",
      "p50 ms",
      "p99 ms",
      "lost / doubled / reordered (worst run)",
      "server CPU %",
      "app CPU %",
      "db CPU %",
      "gen CPU %",
      "clean step",
    ],
    steps.map((s) => [
      s.system,
      s.workload,
      int(s.offered),
      `${s.clean_runs}/${s.runs}`,
      spread(s.stored_per_s, int),
      spread(s.delivered_per_s, int),
      spread(s.p50_ms, ms),
      spread(s.p99_ms, ms),
      `${int(s.lost)} / ${int(s.doubled)} / ${int(s.reordered)}`,
      spread(s.server_cpu_pct, int),
      spread(s.app_cpu_pct, int),
      spread(s.db_cpu_pct, int),
      spread(s.generator_cpu_pct, int),
      s.clean ? "yes" : `**no**: ${s.not_clean.join("; ").slice(0, 120)}`,
    ]),
  );
}

export function peaksTable(results: BenchResults): string {
  return markdown(
    ["system", "workload", "peak msg/s (highest clean step)", "range [every run – any run]"],
    results.peaks.map((p) => [
      p.system,
      p.workload,
      p.peak === null ? "none clean" : `${int(p.peak)}${p.capped ? " (top step offered)" : ""}`,
      `${p.low === null ? "none" : int(p.low)} – ${p.high === null ? "none" : int(p.high)}`,
    ]),
  );
}

export function goalsTable(results: BenchResults): string {
  return markdown(
    ["goal", "target", "measured: ratio of median peaks (worst–best pairing)", "met"],
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

export const SUPPORT_LEGEND = (s: SupportResult) =>
  [
    `Support: ${int(s.conversations)} visitor conversations open at once (${int(s.sockets)} sockets: each visitor's and one of ${s.agents} agents'), ${s.poll_every_ms === null ? "no state polls (--no-poll)" : `every chat page polling its state every ${s.poll_every_ms / 1000} s`}; set up in ${s.setup_s} s.`,
    "Visitors send round-robin at the offered total rate (open loop). Delivered: reached the agent's socket; stored: a row in MySQL with its clientId. Not both by the end of the 10 s drain: failed (the visitor's page shows it failed, with Retry; N stored: MySQL has N of them after all), late (still sending there) or lost (neither: gone). Doubled: any second row, frame or held copy.",
    "Latency: from the message's due time to its arrival at the agent's socket, over the delivered ones. Systems core: the CPU everything under test is pinned to; rest: what else pinned there used (wrangler's own node process and dev proxy, the kernel's disk workers); foreign: what other processes of the machine took of it.",
  ].join("\n");

export function supportTable(s: SupportResult): string {
  return markdown(
    [
      "offered msg/s",
      "seconds",
      "sent",
      "delivered",
      "stored",
      "lost",
      "failed / late",
      "doubled",
      "msg/s achieved",
      "p50 ms",
      "p99 ms",
      "max ms",
      "polls (failed)",
      "room / app / db / rest CPU %",
      "systems core busy % (foreign)",
      "db queries / msg",
      "gen CPU %",
    ],
    s.steps.map((r) => [
      int(r.offered),
      int(r.duration_s),
      int(r.sent),
      int(r.delivered),
      int(r.stored),
      r.lost ? `**${int(r.lost)}**` : "0",
      r.failed || r.late
        ? `**${int(r.failed)}${r.failed_but_stored ? ` (${int(r.failed_but_stored)} stored)` : ""} / ${int(r.late)}**`
        : "0 / 0",
      r.doubled ? `**${int(r.doubled)}**` : "0",
      int(r.delivered_per_s),
      ms(r.p50_ms),
      ms(r.p99_ms),
      ms(r.max_ms),
      `${int(r.polls)} (${int(r.polls_failed)})`,
      `${int(r.room_cpu_pct)} / ${int(r.app_cpu_pct)} / ${int(r.db_cpu_pct)} / ${int(r.rest_cpu_pct)}`,
      `${int(r.systems_core_busy_pct)} (${int(r.systems_core_foreign_pct)})`,
      r.db_queries_per_msg === null ? "–" : r.db_queries_per_msg.toFixed(1),
      int(r.generator_cpu_pct),
    ]),
  );
}

/** Everything, as printed at the end of a run. */
export function report(results: BenchResults): string {
  const m = results.machine;
  const parts = [
    `Machine: ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, ${m.os}, Node ${m.node}, ${m.database}`,
    `Command: ${results.command} (${Math.round(results.duration_s)} s)`,
    `CPUs: ${results.pinning.note}`,
  ];
  if (results.steps.length > 0) {
    const repeats = Number(results.settings.repeats) || 1;
    parts.push("", STEPS_LEGEND(repeats), "", stepsTable(results.steps), "", peaksTable(results));
  }
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
  if (results.support) {
    parts.push("", SUPPORT_LEGEND(results.support), "", supportTable(results.support));
  }
  return parts.join("\n");
}
