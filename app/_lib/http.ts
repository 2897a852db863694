import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";

/** A JSON error body every route uses: `{ error, issues? }`, never cached. */
export function jsonError(status: number, error: string, issues?: z.core.$ZodIssue[]) {
  return NextResponse.json(issues ? { error, issues } : { error }, {
    status,
    headers: { "cache-control": "no-store" },
  });
}

/** A JSON success body that no cache keeps. */
export function jsonOk(body: unknown, status = 200) {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Reads a request body as JSON, refusing bodies over `maxBytes` before and while reading them,
 * so a huge or endless body cannot exhaust memory.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; json: unknown } | { ok: false; status: 400 | 413; error: string }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, status: 413, error: "Body too large" };
  if (!request.body) return { ok: false, status: 400, error: "Body required" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, status: 413, error: "Body too large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return { ok: true, json: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, status: 400, error: "Body must be UTF-8 JSON" };
  }
}
