import { execFileSync } from "node:child_process";

/**
 * Whether pandoc (the converter that makes the Word files import tests read)
 * is installed. Without it those tests are skipped with a hint, unless
 * E2E_REQUIRED=1 makes that a failure, as for Chromium.
 */
export function pandocAvailable(): boolean {
  try {
    execFileSync("pandoc", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.E2E_REQUIRED === "1") throw new Error("E2E_REQUIRED=1 but pandoc is missing: install it with `apt-get install -y pandoc`.");
    process.stderr.write("Word import tests skipped: no pandoc found (apt-get install -y pandoc)\n");
    return false;
  }
}

/** Converts Markdown to a Word file with pandoc, in `dir` (where the Markdown's images are). */
export function pandocDocx(dir: string, markdownFile: string, out: string): void {
  execFileSync("pandoc", [markdownFile, "-o", out], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** A small valid PNG (solid red), for a Word file with an image in it. */
export function redPng(): Buffer {
  return Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==", "base64");
}
