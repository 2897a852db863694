import type { ThrottleScope } from "@/db/schema";
import { type Msg, msg } from "../_i18n/message";

/** How one kind of attempt is throttled: some free attempts, then a doubling cool-down. */
export type ThrottlePolicy = {
  scope: ThrottleScope;
  /** Attempts within the window that cost nothing. */
  free: number;
  /** The cool-down after the first attempt past the free ones; each further one doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** An attempt older than this no longer counts. */
  windowMs: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Failed sign-ins per username: five guesses, then 1, 2, 4, 8 minutes and at most 15. An online
 * guesser gets about a hundred tries a day, while a person who mistypes is never blocked for
 * long. Anyone can make a username's counter grow, so the cap stays short: the cost of that
 * lock-out is bounded, and a success clears the counter.
 */
export const SIGN_IN_PER_USERNAME: ThrottlePolicy = {
  scope: "signin_user",
  free: 5,
  firstDelayMs: MINUTE,
  maxDelayMs: 15 * MINUTE,
  windowMs: 24 * HOUR,
};

/**
 * Failed sign-ins per client address, whatever the username: stops one address spraying one
 * password over many accounts. More free attempts than per username, because an office or a
 * mobile carrier puts many people behind one address.
 */
export const SIGN_IN_PER_ADDRESS: ThrottlePolicy = {
  scope: "signin_address",
  free: 30,
  firstDelayMs: MINUTE,
  maxDelayMs: 60 * MINUTE,
  windowMs: 24 * HOUR,
};

/** Accounts created per client address: a handful an hour, then a growing wait. */
export const SIGN_UP_PER_ADDRESS: ThrottlePolicy = {
  scope: "signup_address",
  free: 10,
  firstDelayMs: 5 * MINUTE,
  maxDelayMs: 24 * HOUR,
  windowMs: HOUR,
};

/** How long to block after the `attempts`-th counted attempt (0: not yet). */
export function coolDownMs(policy: ThrottlePolicy, attempts: number): number {
  const over = attempts - policy.free;
  if (over <= 0) return 0;
  // 2 ** 30 is far past any cap; stopping there keeps the number finite.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(over - 1, 30));
}

/** What a throttled person reads: the wait in whole minutes, rounded up. */
export function tooManyAttemptsMessage(until: Date, now: Date = new Date()): Msg {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  return msg("common.errors.tooManyAttempts", { minutes });
}
