import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loaderScript } from "@/app/_lib/support/loader-script";

describe("the loader as served", () => {
  it("carries the catalogue's words for every language, and nothing that runs strings", () => {
    const { body, etag } = loaderScript();
    expect(body).not.toContain("__WIDGET_WORDS__");
    expect(body).toContain('"open":"Open chat"');
    expect(body).toContain('"open":"打开聊天"');
    expect(body).not.toMatch(/\beval\(|new Function|setAttribute\("style"|\.cssText|innerHTML/);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(loaderScript().etag).toBe(etag);
  });

  it("stays under 10 KB gzipped", () => {
    expect(gzipSync(loaderScript().body).length).toBeLessThanOrEqual(10 * 1024);
  });
});
