import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, exportConsultation, type ExportFormat } from "../../domain/export.js";
import { SlugSchema } from "../../domain/schemas.js";
import type { Env } from "../../env.js";
import { withDb, type Out } from "../io.js";

export async function exportCommand(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { slug: { type: "string" }, format: { type: "string", default: "json" }, out: { type: "string" } } });
  const slug = SlugSchema.safeParse(values.slug ?? "");
  if (!slug.success) {
    io.err("margin export: give the consultation with --slug, e.g. --slug ai-guideline");
    return 1;
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format!)) {
    io.err(`margin export: --format is one of ${EXPORT_FORMATS.join(", ")}`);
    return 1;
  }
  const notes: string[] = [];
  const text = await withDb(env, (db) => exportConsultation(db, slug.data, values.format as ExportFormat, notes));
  for (const note of notes) io.err(`note: ${note}`);
  if (values.out) {
    writeFileSync(values.out, text);
    io.out(`Wrote ${values.out} (${Buffer.byteLength(text)} bytes).`);
  } else process.stdout.write(text);
  return 0;
}
