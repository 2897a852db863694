import "server-only";
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { Semaphore } from "./semaphore";

// argon2 is meant to be slow (tens of ms of CPU and 19 MiB each). Without a cap, a flood of
// sign-ins runs hundreds at once and every other request on the instance waits for CPU; with
// it, at most one per core runs and a short queue waits. Past the queue, callers are told the
// service is busy (SemaphoreFullError) instead of piling up.
const hashing = new Semaphore(Math.max(2, availableParallelism()), 64);

/** Hashes a password with argon2id, within the instance's cap on concurrent hashes. */
export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => hash(password));
}

/** True when `password` matches `passwordHash`; a malformed hash counts as no match. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return hashing.run(() => verify(passwordHash, password).catch(() => false));
}

export { SemaphoreFullError } from "./semaphore";
