import "server-only";
import { blockUntil, checkThrottle, recordAttempt } from "@/db/queries/throttle";
import type { Msg } from "../_i18n/message";
import {
  coolDownMs,
  SIGN_UP_PER_ADDRESS,
  type ThrottlePolicy,
  tooManyAttemptsMessage,
} from "./throttle-policy";

export {
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_USERNAME,
  SIGN_UP_PER_ADDRESS,
  tooManyAttemptsMessage,
} from "./throttle-policy";

/** One throttle to consult: a policy and the key it counts (a username or an address). */
export type ThrottleCheck = { policy: ThrottlePolicy; key: string };

/** Until when any of these is blocked (the latest), or null when all may go ahead. */
export async function throttledUntil(
  checks: ThrottleCheck[],
  now: Date = new Date(),
): Promise<Date | null> {
  return checkThrottle({
    keys: checks.map((c) => ({ scope: c.policy.scope, key: c.key })),
    now,
  });
}

/** Counts an attempt against each check and starts its cool-down once past the free ones. */
export async function countAttempt(checks: ThrottleCheck[], now: Date = new Date()): Promise<void> {
  await Promise.all(
    checks.map(async ({ policy, key }) => {
      const attempts = await recordAttempt({
        scope: policy.scope,
        key,
        now,
        windowMs: policy.windowMs,
      });
      const delay = coolDownMs(policy, attempts);
      if (delay > 0) {
        await blockUntil({ scope: policy.scope, key, until: new Date(now.getTime() + delay) });
      }
    }),
  );
}

/** For the sign-up action: what refuses this address, or null when it may sign up. */
export async function signUpRefusal(address: string, now: Date = new Date()): Promise<Msg | null> {
  const until = await throttledUntil([{ policy: SIGN_UP_PER_ADDRESS, key: address }], now);
  return until ? tooManyAttemptsMessage(until, now) : null;
}

/** For the sign-up action: counts one account created from this address. */
export function recordSignUp(address: string, now: Date = new Date()): Promise<void> {
  return countAttempt([{ policy: SIGN_UP_PER_ADDRESS, key: address }], now);
}
