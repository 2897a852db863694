/**
 * The support widget's loader size: what a host page downloads, raw and gzipped (level 9, what
 * a CDN or Vercel serves at best; level 6 too, a common default), against the 10 KB gzipped goal.
 * Needs no servers: it builds /widget.js's body the way the route does.
 */
import { gzipSync } from "node:zlib";
import { loaderScript } from "../../app/_lib/support/loader-script";

export const LOADER_GZIP_GOAL_BYTES = 10 * 1024;

export type WidgetSize = { raw: number; gzip6: number; gzip9: number; met: boolean };

export function measureWidgetSize(): WidgetSize {
  const body = Buffer.from(loaderScript().body, "utf8");
  const gzip6 = gzipSync(body, { level: 6 }).length;
  const gzip9 = gzipSync(body, { level: 9 }).length;
  return { raw: body.length, gzip6, gzip9, met: gzip6 <= LOADER_GZIP_GOAL_BYTES };
}

export function widgetSizeTable(size: WidgetSize): string {
  const n = (b: number) => b.toLocaleString("en");
  return [
    "| file | raw bytes | gzip -6 bytes | gzip -9 bytes | goal (gzip) | met |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| /widget.js | ${n(size.raw)} | ${n(size.gzip6)} | ${n(size.gzip9)} | ≤ ${n(LOADER_GZIP_GOAL_BYTES)} | ${size.met ? "yes" : "**no**"} |`,
  ].join("\n");
}
