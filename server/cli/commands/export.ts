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
    io.err(io.tr.t("cli.export.noSlug"));
    return 1;
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format!)) {
    io.err(io.tr.t("cli.export.badFormat", { formats: EXPORT_FORMATS.join(", ") }));
    return 1;
  }
  const notes: string[] = [];
  const text = await withDb(env, (db) => exportConsultation(db, slug.data, values.format as ExportFormat, notes));
  for (const note of notes) io.err(`note: ${note}`);
  if (values.out) {
    writeFileSync(values.out, text);
    io.out(io.tr.t("cli.export.wrote", { path: values.out, bytes: Buffer.byteLength(text) }));
  } else process.stdout.write(text);
  return 0;
}
