/**
 * A cheap look at a message before the Markdown parser sees it. micromark's time grows with
 * the markup it has to resolve (thousands of `*` or `[` to pair up, links to build) and, worse
 * than linearly, with the number of lines and blocks and with how deeply quotes and lists nest
 * (`>>>>…` 4,000 deep takes seconds; 800 one-line list items take tens of milliseconds). A
 * body over budget is shown as plain text instead: it costs nothing to parse and still shows
 * every character and line. Ordinary messages, and long code pastes in a fence, stay within.
 * tests/bench/markdown.ts times the worst bodies that are still parsed.
 */

/** Parse-cost units allowed (the weights below): under 10 ms on one quiet core at worst. */
export const COST_BUDGET = 600;
/** Nesting allowed on one line: quotes and list items, indentation counted as lists do. */
export const NESTING_BUDGET = 10;

/** Characters micromark has to resolve against each other (emphasis, code, labels, HTML). */
const MARKUP_CHARS = new Set(["*", "_", "~", "`", "[", "]", "<", ">", "!", "\\"]);
/** Where a link may start (GFM autolinks and `[x](…)`): each builds an element, so dearer. */
const LINK_START = /:\/\/|www\.|@/gi;
const LINK_COST = 6;
/** Each line outside a fence: flow content is re-scanned per line and per block. */
const LINE_COST = 4;
/** Each quote or list marker opening a line: a container, the dearest block of all. */
const CONTAINER_COST = 8;

/**
 * A top-level fenced code block: it opens only at column 0, where no quote or list can hold
 * it, so the parser agrees it is code and reads its lines without looking for markup. Backtick
 * fences may not have a backtick in their info string.
 */
const FENCE_OPEN = /^(`{3,})[^`]*$|^(~{3,})/;

export type Complexity = { cost: number; nesting: number };

/** Parse-cost units and deepest nesting of `source`; top-level fenced code costs nothing. */
export function measureMarkdown(source: string): Complexity {
  let cost = 0;
  let nesting = 0;
  let fence: string | null = null;
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (fence !== null) {
      // Closing early (on any run of the fence's character) only counts more lines.
      if (line.trim().startsWith(fence)) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = (open[1] ?? open[2] ?? "```").slice(0, 3);
      continue;
    }
    const containers = lineContainers(line);
    nesting = Math.max(nesting, containers.nesting);
    cost += LINE_COST + containers.markers * CONTAINER_COST;
    for (const char of line) if (MARKUP_CHARS.has(char)) cost++;
    cost += (line.match(LINK_START)?.length ?? 0) * LINK_COST;
  }
  return { cost, nesting };
}

/** True when `source` may go through the Markdown parser. */
export function withinMarkdownBudget(source: string): boolean {
  const { cost, nesting } = measureMarkdown(source);
  return cost <= COST_BUDGET && nesting <= NESTING_BUDGET;
}

const MARKER = /(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/y;

/**
 * Quote and list markers opening `line`, and its nesting: the markers plus its indentation in
 * twos, since indentation is what nests a list item inside the one above (two columns at least
 * per level). A line without a marker opens nothing, however far it is indented.
 */
function lineContainers(line: string): { markers: number; nesting: number } {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
  MARKER.lastIndex = indent.length;
  let markers = 0;
  // Past the budget the exact count no longer matters; stopping keeps `>>>>…` linear.
  while (markers <= NESTING_BUDGET && MARKER.exec(line)) markers += 1;
  if (markers === 0) return { markers, nesting: 0 };
  const columns = [...indent].reduce((sum, char) => sum + (char === "\t" ? 4 : 1), 0);
  return { markers, nesting: markers + Math.floor(columns / 2) };
}
