import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isConnectionError } from "@/db";
import { ConfigError } from "./env";
import { jsonError } from "./http";

/**
 * Thrown inside a route handler to answer with a status and a sentence (and, for bad input, the
 * zod issues); `route` turns it into the JSON error body every route uses.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: z.core.$ZodIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Parses untrusted input with `schema`, or throws a 400 (or `status`) carrying the issues. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message = "Invalid input",
  status: 400 | 422 = 400,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new HttpError(status, message, parsed.error.issues);
  return parsed.data;
}

/**
 * Wraps every route handler under app/api so that failures answer the same way everywhere:
 * HttpError as itself, "database unavailable" as 503 (callers retry), and anything else,
 * missing configuration included, as a generic 500 whose detail goes to the server log only.
 */
export function route<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      // Next.js's own control flow (redirect, notFound, dynamic-rendering bailouts) passes through.
      unstable_rethrow(error);
      if (error instanceof HttpError) {
        const response = jsonError(error.status, error.message, error.issues);
        for (const [name, value] of Object.entries(error.headers ?? {})) {
          response.headers.set(name, value);
        }
        return response;
      }
      if (isConnectionError(error)) return jsonError(503, "The database is unavailable");
      if (error instanceof ConfigError) console.error(error.message);
      else console.error("Route failed:", error);
      return jsonError(500, "Internal server error");
    }
  };
}
