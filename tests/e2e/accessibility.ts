/**
 * The axe-core pass every e2e page gets: the fixtures run it on each page a test leaves open
 * (and specs that walk several pages call it on each), so a change that breaks a label, a
 * contrast or a role fails the test that shows the page. Only serious and critical findings fail:
 * axe's minor and moderate ones are advice about structure that a chat log legitimately bends
 * (e.g. a list of messages is not a landmark).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const FAILING_IMPACTS = new Set(["serious", "critical"]);

/** One line per failing rule: what it is, and where (the first few targets). */
function findings(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) {
  return violations.map((v) => {
    const where = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(" "))
      .join(" | ");
    return `${v.impact} ${v.id}: ${v.help} — ${where}`;
  });
}

/** Fails with the list of serious or critical axe findings on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ""));
  expect(findings(failing), `axe on ${page.url()}`).toEqual([]);
}

/**
 * The check the fixtures run when a test ends: every page of ours still open and loaded. A page
 * that is gone, blank or elsewhere (a test that went offline on purpose) is skipped.
 */
export async function expectPagesAccessible(pages: Page[], origin: string): Promise<void> {
  for (const page of pages) {
    if (page.isClosed() || !page.url().startsWith(origin)) continue;
    const loaded = await page
      .waitForLoadState("load", { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (loaded) await expectAccessible(page);
  }
}
