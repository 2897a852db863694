/**
 * A hook for a challenge (CAPTCHA) provider in front of the widget's costly steps (starting a
 * conversation). Off by default: WIDGET_CHALLENGE=none (or unset) lets everyone through. A
 * provider is one object with one method, registered under a name, so adding one (Turnstile,
 * hCaptcha, …) is a file that calls registerChallengeProvider and a setting; nothing else changes.
 */

export interface ChallengeProvider {
  /** The provider's name, as WIDGET_CHALLENGE spells it. */
  readonly name: string;
  /**
   * Whether `token` (what the provider's client-side widget produced) proves a person at
   * `address` (the client address, app/_lib/client-address.ts). Never throws: a provider that
   * cannot be reached answers false, so an outage fails closed.
   */
  verify(token: string, address: string): Promise<boolean>;
}

/** Lets everyone through: the default, when no provider is configured. */
export const noChallenge: ChallengeProvider = {
  name: "none",
  verify: async () => true,
};

const providers = new Map<string, ChallengeProvider>([[noChallenge.name, noChallenge]]);

/** Makes a provider choosable by WIDGET_CHALLENGE=<its name>. */
export function registerChallengeProvider(provider: ChallengeProvider): void {
  providers.set(provider.name, provider);
}

/**
 * The provider WIDGET_CHALLENGE names ("none" when unset or empty). An unknown name throws rather
 * than silently letting everyone through: a misspelt setting must not switch the check off.
 */
export function challengeProvider(
  setting: string | undefined = process.env.WIDGET_CHALLENGE,
): ChallengeProvider {
  const name = setting?.trim() || noChallenge.name;
  const provider = providers.get(name);
  if (!provider) throw new Error(`WIDGET_CHALLENGE=${name}: no such challenge provider`);
  return provider;
}

/** Asks the configured provider; a missing token fails unless the provider is "none". */
export async function passesChallenge(
  token: string | null | undefined,
  address: string,
  provider: ChallengeProvider = challengeProvider(),
): Promise<boolean> {
  if (provider === noChallenge) return true;
  if (!token) return false;
  try {
    return await provider.verify(token, address);
  } catch {
    return false;
  }
}
