/**
 * Data kept outside the repository (e.g. the Big List of Naughty Strings) in a `shared/data`
 * folder beside the checkout: ../shared/data from the repository root in CI and in the main
 * checkout, further up for a git worktree kept in a folder of worktrees.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The path of `relative` under the nearest shared/data above the repository root. */
export function sharedDataPath(relative: string): string {
  for (let dir = path.dirname(repositoryRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "data", relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(`No shared/data/${relative} in any folder above ${repositoryRoot}`);
    }
  }
}
