import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogue } from "../../_i18n/catalogue";
import { LOCALES } from "../../_i18n/locales";

/**
 * The loader as served at /widget.js: the hand-written components/widget-loader/loader.js with
 * the catalogue's widget words (every language; the loader picks by navigator.language) put in
 * place of its one placeholder. Built once per process; the ETag is the body's hash.
 */
export type LoaderScript = { body: string; etag: string };

const PLACEHOLDER = "__WIDGET_WORDS__";
let built: LoaderScript | null = null;

export function loaderScript(): LoaderScript {
  if (built) return built;
  const source = readFileSync(
    path.join(process.cwd(), "components", "widget-loader", "loader.js"),
    "utf8",
  );
  const words = Object.fromEntries(LOCALES.map((l) => [l, catalogue(l).widgetLoader]));
  if (source.split(PLACEHOLDER).length !== 2)
    throw new Error("loader.js: one placeholder expected");
  const body = source.replace(PLACEHOLDER, JSON.stringify(words));
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  built = { body, etag };
  return built;
}
