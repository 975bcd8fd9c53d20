import type { Page } from "playwright-core";

/**
 * Puts the caret at the start of `word` in paragraph `n` of the editor, by mouse and
 * keyboard, as a person would (the e2e authorship test and bench/history-readability.ts).
 */
export async function caretBefore(page: Page, n: number, word: string): Promise<void> {
  const box = await page.locator(".ProseMirror p").nth(n).evaluate((p, w) => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 1);
      range.setEnd(node, at + 2);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, word);
  if (!box) throw new Error(`no “${word}” in paragraph ${n}`);
  await page.mouse.click(box.x, box.y);
  await page.keyboard.press("Control+ArrowLeft");
}
