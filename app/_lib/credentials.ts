import "server-only";
import { clearThrottle } from "@/db/queries/throttle";
import { findUserByUsername } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { type Msg, msg } from "../_i18n/message";
import { SemaphoreFullError, verifyPassword } from "./passwords";
import { isBanned } from "./restrictions";
import {
  countAttempt,
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_USERNAME,
  type ThrottleCheck,
  throttledUntil,
  tooManyAttemptsMessage,
} from "./throttle";

// A real hash of a random password: verifying against it when the username is unknown makes a
// failed sign-in take as long either way, so timing does not reveal which usernames exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$3xwtsx044nC42nHtTasTQg$JpMfoRoD65RNIzSZ35q/WKx+Juqoe2HiakxrxwKYCBM";

/** The outcome of a username + password check. */
export type CredentialsResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" | "banned" | "busy" }
  | { ok: false; reason: "throttled"; until: Date };

/**
 * Checks a username and password, throttled per username and per client address: while either
 * is cooling down the password is not even verified, and each failure counts against both.
 * Both sign-in paths (the page's server action and NextAuth's credentials callback) use this.
 */
export async function checkCredentials(args: {
  username: string;
  password: string;
  address: string;
}): Promise<CredentialsResult> {
  const usernameKey = args.username.toLowerCase();
  const checks: ThrottleCheck[] = [
    { policy: SIGN_IN_PER_USERNAME, key: usernameKey },
    { policy: SIGN_IN_PER_ADDRESS, key: args.address },
  ];
  const blocked = await throttledUntil(checks);
  if (blocked) return { ok: false, reason: "throttled", until: blocked };
  const user = await findUserByUsername(args.username);
  let matches: boolean;
  try {
    matches = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, args.password);
  } catch (error) {
    if (error instanceof SemaphoreFullError) return { ok: false, reason: "busy" };
    throw error;
  }
  // A support widget visitor's row has no password, and must never sign in even if one were set.
  if (!user?.passwordHash || !matches || user.visitorSiteId !== null) {
    await countAttempt(checks);
    // Say so on the attempt that started the cool-down, not only on the next one.
    const until = await throttledUntil(checks);
    return until ? { ok: false, reason: "throttled", until } : { ok: false, reason: "invalid" };
  }
  await clearThrottle({ scope: SIGN_IN_PER_USERNAME.scope, key: usernameKey });
  if (isBanned(user)) return { ok: false, reason: "banned" };
  return { ok: true, user };
}

/** What a refused sign-in is told. */
export function credentialsMessage(
  result: Exclude<CredentialsResult, { ok: true }>,
  now: Date = new Date(),
): Msg {
  switch (result.reason) {
    case "invalid":
      return msg("auth.errors.wrongCredentials");
    case "banned":
      return msg("auth.errors.accountBanned");
    case "busy":
      return msg("common.errors.busy");
    case "throttled":
      return tooManyAttemptsMessage(result.until, now);
  }
}
