/**
 * Calls a server action of the production build the way the hydrated page does: a POST to the
 * page with the action's id in `Next-Action` and its arguments encoded by React's own
 * `encodeReply`, answered with an RSC stream whose root names the action's return value. For
 * clients outside a browser (the bench's widget visitors) that must take the product's path.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { encodeReply } from "next/dist/compiled/react-server-dom-turbopack/client.edge";
import { z } from "zod";

export type AppFetch = (path: string, init?: RequestInit) => Promise<Response>;

const manifestSchema = z.object({
  node: z.record(
    z.string(),
    z.object({ exportedName: z.string().optional(), filename: z.string().optional() }),
  ),
});

/** The id `next build` gave `exportedName` of `file` (e.g. "app/(widget)/widget/[site]/actions.ts"). */
export function serverActionId(file: string, exportedName: string, buildDir = ".next"): string {
  const manifestPath = path.join(process.cwd(), buildDir, "server/server-reference-manifest.json");
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportedName && entry.filename === file,
  );
  if (!found) throw new Error(`No server action ${exportedName} of ${file} in ${manifestPath}`);
  return found[0];
}

/**
 * Posts `args` (bound arguments first, as the page's bound action sends them) to action `id` on
 * page `pagePath`; resolves to the action's return value as JSON, or throws when the answer is
 * not one.
 */
export async function callServerAction(
  appFetch: AppFetch,
  pagePath: string,
  id: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<unknown> {
  const body = await encodeReply(args);
  const response = await appFetch(pagePath, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "next-action": id,
      ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`action ${id}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  return actionResult(text);
}

/**
 * The return value in an action's RSC answer: rows `ID:JSON`, one a line, the root (row 0) naming
 * the result's row as `"a":"$@ID"`. Plain JSON values only (what the widget's actions return).
 */
export function actionResult(stream: string): unknown {
  const rows = new Map<string, string>();
  for (const line of stream.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && /^[0-9a-f]+$/.test(line.slice(0, colon))) {
      rows.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  const root = z.object({ a: z.unknown() }).safeParse(JSON.parse(rows.get("0") ?? "null"));
  if (!root.success) throw new Error(`no action result in: ${stream.slice(0, 200)}`);
  const a = root.data.a;
  if (typeof a === "string" && a.startsWith("$@")) {
    const row = rows.get(a.slice(2));
    if (row === undefined) throw new Error(`action result row ${a} missing`);
    return JSON.parse(row);
  }
  return a;
}
