/**
 * One rule for every CSV download (ADR 036): the file starts with the UTF-8
 * byte-order mark unless the reader asks `?bom=0`. Excel, on Japanese and on
 * Western Windows alike, reads a CSV without it in the machine's legacy code page
 * and shows Japanese as mojibake; CSV parsers and Python's `utf-8-sig` skip it.
 */
const UTF8_BOM = "\uFEFF";

export function csvFile(body: string, opts: { bom: boolean }): string {
  return opts.bom ? `${UTF8_BOM}${body}` : body;
}
