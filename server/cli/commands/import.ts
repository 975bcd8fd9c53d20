import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isLocale, isTimeZone } from "../../../common/i18n/locales.js";
import { migrateToLatest } from "../../../db/migrator.js";
import { findUserByEmail } from "../../../db/queries/user.js";
import { importParsed, mayCreateConsultations } from "../../domain/consultations/index.js";
import { importFormatOf } from "../../domain/import-parse.js";
import { createImportService, importLimitsFrom } from "../../domain/imports.js";
import { fieldErrorsOf, SlugSchema } from "../../domain/schemas.js";
import type { Env } from "../../env.js";
import { createLogger } from "../../logger.js";
import { withDb, type Out } from "../io.js";

export async function importCommand(env: Env, args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { owner: { type: "string" }, slug: { type: "string" }, title: { type: "string" }, language: { type: "string" }, "time-zone": { type: "string" } },
  });
  const file = positionals[0];
  if (!file || !values.owner) {
    io.err("Usage: margin import FILE.md|FILE.docx --owner EMAIL [--slug S] [--title T] [--language en|ja] [--time-zone ZONE]");
    return 1;
  }
  // Without --language, the file's text decides; without --time-zone, the language's usual zone.
  const language = values.language;
  if (language !== undefined && !isLocale(language)) {
    io.err("--language: give en or ja.");
    return 1;
  }
  const timeZone = values["time-zone"];
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    io.err(`--time-zone: ${timeZone} is not a time zone this system knows (e.g. Asia/Tokyo, UTC).`);
    return 1;
  }
  const slug = values.slug === undefined ? undefined : SlugSchema.safeParse(values.slug);
  if (slug && !slug.success) {
    io.err(`--slug: ${Object.values(fieldErrorsOf(slug.error)).flat()[0]}`);
    return 1;
  }
  // The same worker, limits and refusals as an upload through the page.
  const parsed = await createImportService(importLimitsFrom(env), createLogger(env.LOG_LEVEL)).parse(readFileSync(file), importFormatOf(file));
  const created = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    const owner = await findUserByEmail(db.kysely, values.owner!.trim().toLowerCase());
    if (!owner) throw new Error(`no account with email ${values.owner}; create it with \`margin user add\` first`);
    // The operator decides who publishes: the owner needs the role like anyone creating on the pages.
    if (!mayCreateConsultations(owner)) throw new Error(`${owner.email} may not publish consultations; grant it first with \`margin user add --email ${owner.email} --role convener\``);
    return importParsed(db, owner, parsed, { slug: slug?.data, title: values.title, ...(language ? { contentLanguage: language } : {}), ...(timeZone ? { timeZone } : {}) });
  });
  io.out(`Imported "${created.title}" as a draft at /c/${created.slug}.`);
  return 0;
}
