import { describe, expect, it } from "vitest";
import { isSafeHref } from "./safe-url.js";

describe("isSafeHref", () => {
  it("allows web and mail links, in-page anchors and paths on this site", () => {
    for (const href of ["https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG", "mailto:a@example.org", "#note-1", "/c/slug", "  https://example.org  "]) {
      expect(isSafeHref(href), href).toBe(true);
    }
  });

  it("refuses script, data and protocol-relative links, and anything else", () => {
    for (const href of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example", "ftp://x", "relative/path", ""]) {
      expect(isSafeHref(href), href).toBe(false);
    }
  });
});
