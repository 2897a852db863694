import { bearerHeader } from "./keys";
import { type StoreResult, storeResponseSchema } from "./protocol";
import { type QueuedMessage, RetryableStoreError } from "./send-queue";

/**
 * Returns the store function the room uses: POST the batch to Next.js with the bearer derived
 * from the shared secret (never the secret itself).
 * Network failures and 5xx answers are retryable; any other failure is not.
 */
export function httpStore(args: { appUrl: string; secret: string; channel: string }) {
  return async (batch: QueuedMessage[]): Promise<StoreResult[]> => {
    let response: Response;
    const authorization = await bearerHeader(args.secret);
    try {
      response = await fetch(`${args.appUrl}/api/party/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization,
        },
        body: JSON.stringify({
          channel: args.channel,
          messages: batch.map((m) => ({
            authorId: m.authorId,
            clientId: m.clientId,
            body: m.body,
            ...(m.replyTo !== undefined && { replyTo: m.replyTo }),
          })),
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new RetryableStoreError("The app could not be reached", { cause: error });
    }
    if (response.status >= 500 || response.status === 429) {
      throw new RetryableStoreError(`The app answered ${response.status}`);
    }
    if (!response.ok) {
      throw new Error(`The app refused the batch: ${response.status} ${await response.text()}`);
    }
    const parsed = storeResponseSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error("The app answered with an unreadable body");
    return parsed.data.results;
  };
}
