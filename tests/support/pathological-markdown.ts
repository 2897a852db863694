/**
 * Message bodies built to make a Markdown renderer slow or deep, each the longest body the room
 * accepts (MAX_BODY_CHARS). Shared by the bench (tests/bench/markdown.ts, which times them)
 * and the unit tests (which check they render, bounded, without timing them).
 */
import { withinMarkdownBudget } from "@/components/markdown/complexity";
import { MAX_BODY_CHARS } from "@/party/protocol";

export type PathologicalCase = { name: string; body: string };

const fill = (unit: string, length = MAX_BODY_CHARS) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const FILLER = "plain words to the end of the message ";

/**
 * The longest prefix of `fill(unit)` that, padded with plain words to the full length, the
 * renderer still parses as Markdown: the worst a body can do on the Markdown path rather than
 * the plain-text one.
 */
function atBudget(unit: string): string {
  const full = fill(unit);
  const padded = (length: number) =>
    `${full.slice(0, length)}\n\n${fill(FILLER, MAX_BODY_CHARS - length - 2)}`;
  let low = 0;
  let high = full.length - 2;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (withinMarkdownBudget(padded(mid))) low = mid;
    else high = mid - 1;
  }
  return padded(low);
}

/** Lines each one level deeper than the last: `- x`, `  - x`, `    - x`, … */
function indentedList(): string {
  const lines: string[] = [];
  let length = 0;
  for (let depth = 0; ; depth++) {
    const line = `${"  ".repeat(depth)}- x`;
    if (length + line.length + 1 > MAX_BODY_CHARS) break;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n");
}

export const PATHOLOGICAL_CASES: readonly PathologicalCase[] = [
  { name: "emphasis bomb `*a **a *a **a `", body: fill("*a **a *a **a ") },
  { name: "emphasis bomb, no spaces", body: fill("*a **a *a **a") },
  { name: "underscore bomb `_a __a `", body: fill("_a __a _a __a ") },
  { name: "4,000 `[`", body: fill("[") },
  { name: "2,000 `[` then 2,000 `]`", body: `${fill("[", 2_000)}${fill("]", 2_000)}` },
  { name: "unclosed links `[a](`", body: fill("[a](") },
  { name: "links `[a](https://x.y/)`", body: fill("[a](https://x.y/) ") },
  { name: "4,000 backticks", body: fill("`") },
  { name: "unmatched code spans `` `a`` ``", body: fill("`a``") },
  { name: "quotes 4,000 deep `>>>>`", body: fill(">") },
  { name: "quotes 2,000 deep `> > >`", body: fill("> ") },
  { name: "lists 2,000 deep `- - -`", body: fill("- ") },
  { name: "ordered lists deep `1. 1. 1.`", body: fill("1. ") },
  { name: "lists nested by indentation", body: indentedList() },
  { name: "bare URLs `www.a.b`", body: fill("www.a.b ") },
  { name: "emails `a@b.co`", body: fill("a@b.co ") },
  { name: "strikethrough `~~a`", body: fill("~~a ") },
  { name: "tags `<a `", body: fill("<a ") },
  { name: "escapes `\\*`", body: fill("\\*") },
  { name: "everything at once", body: fill("*[`>_~<!\\a](www.") },
  { name: "2,000 lines `a\\n`", body: fill("a\n") },
  { name: "1,333 paragraphs `a\\n\\n`", body: fill("a\n\n") },
  { name: "800 list items `1. x`", body: fill("1. x\n") },
  { name: "800 quotes `> q\\n\\n`", body: fill("> q\n\n") },
  { name: "emphasis bomb, at the budget", body: atBudget("*a **a *a **a") },
  { name: "4,000 `[`, at the budget", body: atBudget("[") },
  { name: "links, at the budget", body: atBudget("[a](https://x.y/) ") },
  { name: "bare URLs, at the budget", body: atBudget("www.a.b ") },
  { name: "unmatched code spans, at the budget", body: atBudget("`a``") },
  { name: "paragraphs, at the budget", body: atBudget("a\n\n") },
  { name: "list items, at the budget", body: atBudget("1. x\n") },
  { name: "quotes, at the budget", body: atBudget("> q\n\n") },
  { name: "quotes 10 deep, at the budget", body: atBudget("> > > > > > > > > > x\n") },
  { name: "lists 10 deep, at the budget", body: atBudget("- - - - - - - - - - x\n") },
  { name: "quotes 10 deep on every line", body: fill("> > > > > > > > > > x\n") },
];
