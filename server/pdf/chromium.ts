// Printing HTML to PDF with the Chromium the e2e tests already use (ADR 034). playwright-core is a
// devDependency: a production install without it gets a clear "not available" (503), never a crash at start,
// because it is loaded with a dynamic import on the first PDF asked for. The browser is launched lazily, shared
// by every render, and closed after a quiet minute; renders run one or two at a time, a few more wait, and each
// is abandoned after a timeout. All of it is IPC with the browser process: the event loop only waits.
import { existsSync } from "node:fs";
import type { Browser, BrowserContext } from "playwright-core";

/** The browser is closed when no PDF was asked for in this long (the next one relaunches it, ~0.5 s). */
const PDF_BROWSER_IDLE_MS = 60_000;
/** Renders that may wait for a turn; one more is refused (busy). */
const PDF_QUEUE_MAX = 4;

export class PdfUnavailableError extends Error {}
export class PdfBusyError extends Error {}
export class PdfTimeoutError extends Error {}

export interface PdfRendererOptions {
  chromiumPath: string;
  timeoutMs: number;
  concurrency: number;
}

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly opts: PdfRendererOptions) {}

  /** The PDF of a self-contained HTML document (nothing is fetched: every request from the page is refused). */
  async render(html: string): Promise<Buffer> {
    await this.turn();
    if (this.idle) clearTimeout(this.idle);
    let context: BrowserContext | null = null;
    let timedOut = false;
    // At the deadline the page's context is closed, which ends whatever Chromium was doing for it.
    const timer = setTimeout(() => {
      timedOut = true;
      void context?.close().catch(() => undefined);
    }, this.opts.timeoutMs);
    try {
      const browser = await this.launch();
      if (timedOut) throw new PdfTimeoutError(`The PDF took longer than ${this.opts.timeoutMs} ms.`);
      context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route("**/*", (route) => route.abort());
      await page.setContent(html, { waitUntil: "load", timeout: this.opts.timeoutMs });
      await page.emulateMedia({ media: "print" });
      return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    } catch (e) {
      if (timedOut) throw new PdfTimeoutError(`The PDF took longer than ${this.opts.timeoutMs} ms.`);
      throw e;
    } finally {
      clearTimeout(timer);
      await context?.close().catch(() => undefined);
      // The slot passes straight to the next in line, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
      this.scheduleClose();
    }
  }

  /** Closes the browser now (shutdown, tests, benchmarks). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const b = this.browser;
    this.browser = null;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
  }

  private async turn(): Promise<void> {
    if (this.active < this.opts.concurrency) {
      this.active += 1;
      return;
    }
    if (this.waiting.length >= PDF_QUEUE_MAX) throw new PdfBusyError("Too many PDFs are being made.");
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const started = (async () => {
        if (!existsSync(this.opts.chromiumPath)) throw new PdfUnavailableError(`No Chromium at ${this.opts.chromiumPath} (CHROMIUM_PATH).`);
        let chromium: typeof import("playwright-core").chromium;
        try {
          ({ chromium } = await import("playwright-core"));
        } catch {
          throw new PdfUnavailableError("playwright-core is not installed (it is a development dependency).");
        }
        const browser = await chromium.launch({
          executablePath: this.opts.chromiumPath,
          timeout: this.opts.timeoutMs,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        browser.on("disconnected", () => {
          if (this.browser === started) this.browser = null;
        });
        return browser;
      })();
      // A failed launch is not kept: the next request tries again.
      started.catch(() => {
        if (this.browser === started) this.browser = null;
      });
      this.browser = started;
    }
    return this.browser;
  }

  private scheduleClose(): void {
    if (this.idle) clearTimeout(this.idle);
    if (this.active > 0) return;
    this.idle = setTimeout(() => void this.close(), PDF_BROWSER_IDLE_MS);
    this.idle.unref();
  }
}

let shared: { key: string; renderer: PdfRenderer } | null = null;

/** This node's renderer (one browser per process), made on first use. */
export function pdfRenderer(opts: PdfRendererOptions): PdfRenderer {
  const key = JSON.stringify(opts);
  if (!shared || shared.key !== key) {
    void shared?.renderer.close();
    shared = { key, renderer: new PdfRenderer(opts) };
  }
  return shared.renderer;
}
