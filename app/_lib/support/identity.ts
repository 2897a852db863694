import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import { z } from "zod";

/**
 * A website visitor's identity, vouched for by the site's own server: it signs a short-lived
 * JWT (HS256, with the site's signing secret as the key's UTF-8 bytes) and the page hands it to
 * the widget (`Chat.identify(token)`). Short-lived so a token copied out of a page is soon
 * useless; HS256 only, so neither `alg: none` nor a public-key algorithm can be slipped in.
 */

/** The longest a token may live, from `iat` (or from now, without one) to `exp`. */
export const MAX_TOKEN_LIFETIME_S = 600;
/** Clocks differ: this much leeway on `exp` and on an `iat` slightly in the future. */
export const CLOCK_SKEW_S = 30;

export type IdentityRefusal =
  | "malformed"
  | "wrong_alg"
  | "bad_signature"
  | "expired"
  | "no_exp"
  | "too_long_lived"
  | "not_yet_valid"
  | "no_sub"
  | "bad_claims";

export type VerifiedIdentity =
  | { ok: true; sub: string; name: string | null; email: string | null }
  | { ok: false; reason: IdentityRefusal };

const claims = z.object({
  sub: z.string().min(1).max(191),
  name: z.string().trim().max(80).optional(),
  email: z.string().trim().max(255).email().optional(),
  exp: z.number(),
  iat: z.number().optional(),
});

/**
 * Verifies a visitor token with the site's secret. `now` (ms) is for tests. Pure apart from the
 * crypto: no database, no clock but `now`.
 */
export async function verifyVisitorToken(
  token: string,
  siteSecret: string,
  now: number = Date.now(),
): Promise<VerifiedIdentity> {
  if (token.length > 4096) return { ok: false, reason: "malformed" };
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (alg !== "HS256") return { ok: false, reason: "wrong_alg" };

  const nowS = Math.floor(now / 1000);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(siteSecret), {
      algorithms: ["HS256"],
      clockTolerance: CLOCK_SKEW_S,
      currentDate: new Date(now),
      requiredClaims: ["exp"],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return { ok: false, reason: "bad_signature" };
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === "exp") return { ok: false, reason: "no_exp" };
      if (error.claim === "iat" || error.claim === "nbf")
        return { ok: false, reason: "not_yet_valid" };
      return { ok: false, reason: "bad_claims" };
    }
    return { ok: false, reason: "malformed" };
  }

  if (typeof payload.sub !== "string" || payload.sub === "") return { ok: false, reason: "no_sub" };
  const parsed = claims.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: "bad_claims" };
  const { sub, name, email, exp, iat } = parsed.data;
  if (iat !== undefined && iat > nowS + CLOCK_SKEW_S) return { ok: false, reason: "not_yet_valid" };
  const from = iat ?? nowS;
  if (exp - from > MAX_TOKEN_LIFETIME_S) return { ok: false, reason: "too_long_lived" };
  return { ok: true, sub, name: name || null, email: email || null };
}
