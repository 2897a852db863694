/**
 * Finds English left on a page that should be all Chinese: every Latin-letter word in the text a
 * person reads or hears (visible text, the title, aria-labels, titles, placeholders, alt texts),
 * after taking out what is not ours to translate (names and messages people typed, brand
 * names). The words are matched back to English catalogue entries so a failure says which key
 * was missed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** Names that stay as they are in every language: brands, key names, abbreviations. */
const KEPT = ["GitHub", "UTC", "English", "Enter", "Shift", "ID"];

function leaves(node: unknown, prefix: string): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, `${prefix}.${k}`));
}

// Read from disk: Playwright's loader wants import attributes on JSON that the app's own
// toolchain does not take.
const CATALOGUE = path.join(process.cwd(), "app/_i18n/messages/en");
const ENGLISH = readdirSync(CATALOGUE)
  .filter((file) => file.endsWith(".json"))
  .flatMap((file) =>
    leaves(JSON.parse(readFileSync(path.join(CATALOGUE, file), "utf8")), file.slice(0, -5)),
  );

/** Everything on the page a reader meets, as one string per source. */
async function readable(page: Page): Promise<{ sources: string[]; userText: string[] }> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point; textContent would also read scripts (the page's own data, catalogue included).
    const out = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
        const value = el.getAttribute(attr);
        if (value) out.push(value);
      }
    }
    for (const option of Array.from(document.querySelectorAll("option"))) out.push(option.text);
    // `.user-text` marks what people typed (messages, names, channel names and topics): theirs,
    // in whatever language they wrote it.
    const userText = Array.from(document.querySelectorAll<HTMLElement>(".user-text")).map(
      // biome-ignore lint/performance/useDomNodeTextContent: it must match the rendered body text it is taken out of.
      (el) => el.innerText,
    );
    return { sources: out, userText };
  });
}

/**
 * The English words left on the page, each with the catalogue keys whose English text holds it
 * (empty when it comes from no key: a string never put through the catalogue).
 */
export async function englishLeft(
  page: Page,
  userData: string[],
): Promise<{ word: string; context: string; keys: string[] }[]> {
  const found: { word: string; context: string; keys: string[] }[] = [];
  const { sources, userText } = await readable(page);
  const removals = [...userData, ...userText, ...KEPT]
    .map((s) => s.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  for (const source of sources) {
    let text = source.replace(/https?:\/\/\S+/g, " ");
    for (const data of removals) text = text.split(data).join(" ");
    for (const match of text.matchAll(/[A-Za-z]{2,}(?:['’][a-z]+)?/g)) {
      const word = match[0];
      const at = match.index ?? 0;
      const keys = ENGLISH.filter(([, value]) => new RegExp(`\\b${word}\\b`).test(value)).map(
        ([key]) => key,
      );
      found.push({
        word,
        context: text.slice(Math.max(0, at - 30), at + word.length + 30).replace(/\s+/g, " "),
        keys: keys.slice(0, 5),
      });
    }
  }
  return found;
}
