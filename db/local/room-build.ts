/**
 * `npm run room:build`: builds the room's Worker bundle exactly as `wrangler deploy` would, with
 * no network and no Cloudflare account (`--dry-run`), and prints its size. `npm test` runs it,
 * so CI proves that what a deployer ships compiles. Exit code: wrangler's.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { wranglerEnv } from "./room";

const outdir = path.join(".wrangler", "dist");
const result = spawnSync(
  path.join("node_modules", ".bin", "wrangler"),
  ["deploy", "--dry-run", "--outdir", outdir],
  { stdio: "inherit", env: wranglerEnv() },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const bundle = readFileSync(path.join(outdir, "worker.js"));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
// Cloudflare's limit applies to the compressed Worker (3 MiB on the free plan, 10 MiB paid).
console.log(
  `Room bundle: ${path.join(outdir, "worker.js")} ${kib(bundle.length)}, gzip ${kib(gzipSync(bundle).length)}`,
);
