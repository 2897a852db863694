import type { z } from "zod";
import { hasBearer } from "./keys";

/**
 * Reads a command Next.js sent to a room: POST, the shared secret's bearer, a JSON body of the
 * given shape. Both rooms (a channel's, a person's) take their commands through this, so the
 * answers to a wrong method, a missing secret or a bad body are the same everywhere.
 */
export async function readAppCommand<T extends z.ZodType>(
  req: Request,
  secret: string,
  schema: T,
): Promise<{ ok: true; command: z.infer<T> } | { ok: false; response: Response }> {
  const refuse = async (response: Response) => {
    // The unread body is dropped first: workerd otherwise throws on it after the answer has
    // gone, which can fail the room's next request (a 503 seen in the security spec).
    await req.body?.cancel();
    return { ok: false as const, response };
  };
  if (req.method !== "POST") return refuse(new Response("Method not allowed", { status: 405 }));
  if (!(await hasBearer(req.headers.get("authorization"), secret))) {
    return refuse(new Response("Unauthorized", { status: 401 }));
  }
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return { ok: false, response: new Response("Body must be JSON", { status: 400 }) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, response: Response.json({ error: parsed.error.issues }, { status: 400 }) };
  }
  return { ok: true, command: parsed.data };
}
