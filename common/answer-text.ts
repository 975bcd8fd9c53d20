/** An answer's value as one line of text (pages and CSV alike): choices joined with "; ", yes or no. */
export function answerText(value: string | string[] | number | boolean): string {
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}
