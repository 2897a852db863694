import "server-only";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** `text` with LIKE's wildcards (`%`, `_`) and its escape character (`\`) escaped by `\`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE '%text%' ESCAPE '\'`: a substring match in which `%`, `_` and `\` typed by a
 * person match only themselves. The ESCAPE clause names the character `escapeLike` used, so the
 * two agree by construction instead of through the server's default.
 */
export function likeContains(column: SQLWrapper, text: string): SQL {
  // '\\' in SQL (a JS "\\\\") is one backslash.
  return sql`${column} like ${`%${escapeLike(text)}%`} escape '\\\\'`;
}
