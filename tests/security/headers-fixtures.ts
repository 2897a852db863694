/**
 * Helpers for the header attacks: reading a Content-Security-Policy, and watching a page for
 * everything the browser says when the policy blocks something.
 */
import type { Page } from "@playwright/test";

/** The policy as directive name → sources. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The nonce a policy allows scripts by. */
export function nonceOf(policy: string): string {
  const match = /'nonce-([^']+)'/.exec(parsePolicy(policy).get("script-src")?.join(" ") ?? "");
  if (!match?.[1]) throw new Error(`no nonce in the policy: ${policy}`);
  return match[1];
}

/** host:port of the room as the app's pages reach it. */
export function partyHost(): string {
  const host = process.env.E2E_PARTY_HOST;
  if (!host)
    throw new Error("E2E_PARTY_HOST is not set: run the security tests through `npm test`");
  return host;
}

export type Violation = { directive: string; blocked: string; sample: string };

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/**
 * Records what the browser blocked on `page`: `securitypolicyviolation` events (which name the
 * directive) and console lines about the policy. The listener is installed before any of the
 * page's own scripts run, through the DevTools protocol, so the policy does not apply to it.
 */
export async function watchPolicy(page: Page): Promise<{
  console: string[];
  violations: () => Promise<Violation[]>;
}> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    });
  });
  return {
    console,
    violations: () => page.evaluate(() => window.__cspViolations ?? []),
  };
}
