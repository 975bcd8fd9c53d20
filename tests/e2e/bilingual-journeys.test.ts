import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { translator } from "../../common/i18n/intl.js";
import type { Locale } from "../../common/i18n/locales.js";
import { e2eAvailable, e2eEnvironment, watchErrors } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";

/** The two demo consultations, each walked in the interface language of its content. */
const JOURNEYS: {
  locale: Locale;
  browserLocale: string;
  slug: string;
  title: RegExp;
  section: RegExp;
  passage: string;
  participant: { email: string; name: string };
  comment: string;
  zone: RegExp;
}[] = [
  {
    locale: "ja",
    browserLocale: "ja-JP",
    slug: "ai-jigyosha-guideline",
    title: /AI事業者向けガイドライン/,
    section: /適用範囲と位置付け/,
    passage: "本ガイドラインは、事業活動においてAIを開発し",
    participant: { email: "suzuki@example.jp", name: "鈴木 翔太" },
    comment: "スタートアップにとっての負担を具体的に示してください（e2e 日本語）。",
    zone: /JST/,
  },
  {
    locale: "en",
    browserLocale: "en-GB",
    slug: "ai-guideline",
    title: /Draft Guideline on the Responsible Use/,
    section: /Public procurement of AI/,
    passage: "Public bodies are among the largest buyers of technology",
    participant: { email: "civil@example.org", name: "Carlos Civil" },
    comment: "Say which public bodies are covered (e2e English).",
    zone: /UTC/,
  },
];

async function selectStart(page: Page, length: number): Promise<void> {
  await page.evaluate((n) => {
    const p = document.querySelector('[data-testid="section-text"] p')!;
    const range = document.createRange();
    range.setStart(p.firstChild!, 0);
    range.setEnd(p.firstChild!, n);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, length);
}

async function newPage(browser: Browser, locale: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  // Chromium sends Accept-Language from the context's locale: the first visit's language comes from it.
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  return { page, errors: watchErrors(page), close: () => context.close() };
}

describe.runIf(e2eAvailable())("the reader's and the participant's journeys in Japanese and in English", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, DEMO_HISTORY: "1", DEMO_JAPANESE: "1" });

  for (const j of JOURNEYS) {
    const { t, msg } = translator(j.locale);

    it(`a reader finds the ${j.locale} consultation, reads a section in its time zone, and switches language`, async () => {
      const { page, errors, close } = await newPage(e2e.browser, j.browserLocale);
      await page.goto(e2e.server.url);
      expect(await page.getAttribute("html", "lang")).toBe(j.locale);
      await page.getByRole("navigation", { name: t("shell.nav.label") }).getByRole("link", { name: t("shell.nav.consultations") }).waitFor();

      await page.getByRole("link", { name: j.title }).first().click();
      await page.getByRole("heading", { level: 1 }).filter({ hasText: j.title }).first().waitFor();
      // The deadline is given in the consultation's own zone, with its abbreviation.
      await page.getByText(j.zone).first().waitFor();
      // The content is marked with its language, whatever the interface's.
      expect(await page.locator(`[lang="${j.locale}"]`).count()).toBeGreaterThan(0);

      await page.getByRole("link", { name: j.section }).first().click();
      await page.getByRole("heading", { level: 1, name: j.section }).waitFor();
      await page.getByTestId("section-text").filter({ hasText: j.passage }).first().waitFor();

      // The switcher in the header changes the interface language and stays on the page.
      const other: Locale = j.locale === "ja" ? "en" : "ja";
      const url = page.url();
      await page.getByRole("button", { name: other === "ja" ? "日本語" : "English" }).click();
      await page.waitForFunction((l) => document.documentElement.lang === l, other);
      expect(page.url()).toBe(url);
      await page.getByRole("link", { name: translator(other).t("shell.nav.consultations") }).first().waitFor();
      expect(errors).toEqual([]);
      await close();
    });

    it(`a participant signs in and comments on a passage of the ${j.locale} draft in ${j.locale}`, async () => {
      const { page, errors, close } = await newPage(e2e.browser, j.browserLocale);
      await page.goto(`${e2e.server.url}/login`);
      await page.getByLabel(t("auth.email")).fill(j.participant.email);
      await page.getByLabel(t("auth.password")).fill(PASSWORD);
      await page.getByRole("button", { name: t("auth.login.submit") }).click();
      await page.getByRole("status").filter({ hasText: j.participant.name }).first().waitFor();
      expect(await page.getAttribute("html", "lang")).toBe(j.locale);

      await page.goto(`${e2e.server.url}/c/${j.slug}`);
      await page.getByRole("link", { name: j.section }).first().click();
      await page.locator('[data-testid="section-text"][data-ready]').filter({ hasText: j.passage }).first().waitFor();
      await selectStart(page, j.passage.length);
      await page.locator("q").filter({ hasText: j.passage }).first().waitFor();
      await page.getByLabel(t("section.form.body")).fill(j.comment);
      await page.getByRole("button", { name: t("section.form.send.comment") }).click();
      await page.getByRole("status").filter({ hasText: msg("Your comment is posted.") }).first().waitFor();
      // The thread shows the comment, and the passage is highlighted in the text.
      await page.getByRole("article").filter({ hasText: j.comment }).first().waitFor();
      await page.getByTestId("section-text").locator(".anchor").filter({ hasText: j.passage }).first().waitFor();
      expect(errors).toEqual([]);
      await close();
    });
  }
});
