/**
 * The answer of GET /api/channels/SLUG/mention-candidates, parsed by the composer: the people
 * the `@` list offers, and whether the asker may address everyone online with `@here`.
 */
import { z } from "zod";

/** Most people the composer's list offers at once. */
export const MAX_CANDIDATES = 8;

export const mentionCandidatesSchema = z.object({
  candidates: z
    .array(z.object({ username: z.string(), displayName: z.string() }))
    .max(MAX_CANDIDATES),
  here: z.boolean(),
});
export type MentionCandidates = z.infer<typeof mentionCandidatesSchema>;
export type MentionCandidate = MentionCandidates["candidates"][number];
