import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isLocale, isTimeZone } from "../../../common/i18n/locales.js";
import { migrateToLatest } from "../../../db/migrator.js";
import { findUserByEmail } from "../../../db/queries/user.js";
import { importParsed, mayCreateConsultations } from "../../domain/consultations/index.js";
import { importFormatOf, skippedImages } from "../../domain/import-parse.js";
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
    io.err(io.tr.t("cli.import.usage"));
    return 1;
  }
  // Without --language, the file's text decides; without --time-zone, the language's usual zone.
  const language = values.language;
  if (language !== undefined && !isLocale(language)) {
    io.err(io.tr.t("cli.import.badLanguage"));
    return 1;
  }
  const timeZone = values["time-zone"];
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    io.err(io.tr.t("cli.import.badTimeZone", { zone: timeZone }));
    return 1;
  }
  const slug = values.slug === undefined ? undefined : SlugSchema.safeParse(values.slug);
  if (slug && !slug.success) {
    io.err(`--slug: ${io.tr.msg(Object.values(fieldErrorsOf(slug.error)).flat()[0])}`);
    return 1;
  }
  // The same worker, limits and refusals as an upload through the page.
  const parsed = await createImportService(importLimitsFrom(env), createLogger(env.LOG_LEVEL)).parse(readFileSync(file), importFormatOf(file));
  const created = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    const owner = await findUserByEmail(db.kysely, values.owner!.trim().toLowerCase());
    if (!owner) throw new Error(io.tr.t("cli.import.noOwner", { email: values.owner! }));
    // The operator decides who publishes: the owner needs the role like anyone creating on the pages.
    if (!mayCreateConsultations(owner)) throw new Error(io.tr.t("cli.import.notConvener", { email: owner.email }));
    return importParsed(db, owner, parsed, { slug: slug?.data, title: values.title, ...(language ? { contentLanguage: language } : {}), ...(timeZone ? { timeZone } : {}) });
  });
  io.out(io.tr.t("cli.import.done", { title: created.title, slug: created.slug }));
  for (const image of skippedImages(parsed.notes)) io.out(io.tr.t("cli.import.imageSkipped", { image }));
  return 0;
}
