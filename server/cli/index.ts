import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../../db/client.js";
import { migrateDownAll, migrateToLatest } from "../../db/migrator.js";
import { findUserByEmail } from "../../db/queries/user.js";
import { SITE_ROLES, STAKEHOLDER_GROUPS, type SiteRole, type StakeholderGroup } from "../../db/schema.js";
import { createAccount, resetAccount } from "../domain/accounts.js";
import { importParsed, mayCreateConsultations } from "../domain/consultations/index.js";
import { importFormatOf } from "../domain/import-parse.js";
import { createImportService, importLimitsFrom } from "../domain/imports.js";
import { seedDemo } from "../domain/demo-seed.js";
import { EXPORT_FORMATS, exportConsultation, type ExportFormat } from "../domain/export.js";
import { EmailSchema, NAME_MAX, PasswordSchema, SlugSchema, fieldErrorsOf } from "../domain/schemas.js";
import { readEnv, type Env } from "../env.js";
import { isAppError } from "../errors.js";
import { createLogger } from "../logger.js";
import { migrateOnce, startServer } from "../index.js";
import { HttpError, databaseSource, httpSource } from "../ledger/sources.js";
import { verifyLedger, type VerifyReport } from "../ledger/verify.js";

const USAGE = `Usage: margin <command> [options]

Commands:
  serve [--dev] [--demo] [--no-migrate] [--no-seed]
                     Start the web server on PORT (default 3000).
                     --dev uses Vite's dev server; --demo seeds the demo
                     consultation on an empty database even in production.
  migrate [--down]   Apply pending database migrations (--down reverts all).
  seed               Create the demo consultation and demo accounts.
  user add --email E --password P --name N [--role admin|convener|member]
           [--organisation O] [--group G]
                     Create an account, or on an existing email set its role
                     (and its password, when --password is given). Conveners
                     (and admins) may create and import consultations.
  import FILE.md|FILE.docx --owner EMAIL [--slug S] [--title T]
                     Import a Markdown or Word file as a new draft
                     consultation; each top-level heading becomes a section.
                     The owner must be a convener or an admin.
  export --slug S [--format json|md] [--out FILE]
                     Write what the public may see of a consultation: Markdown
                     (title, summary, sections; import reads it back) or JSON
                     (also versions, published comments with anchors and
                     responses, the ledger head). To stdout unless --out.
  verify [--url URL] [--json]
                     Check the ledger: every hash link, a Yjs replay of
                     every section's change sets against the recorded
                     states, and the current text. Reads DATABASE_URL, or a
                     running server's public API with --url. Exits 1 and
                     names the first bad entry if anything does not match.
  help               Show this text.

Configuration comes from environment variables; see the README.`;

type Out = { out: (s: string) => void; err: (s: string) => void };
const stdio: Out = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const env = readEnv();
    switch (command) {
      case "serve":
        return await serve(env, rest, io);
      case "migrate":
        return await migrate(env, rest, io);
      case "seed":
        return await seed(env, io);
      case "user":
        return await user(env, rest, io);
      case "import":
        return await importCommand(env, rest, io);
      case "verify":
        return await verify(env, rest, io);
      case "export":
        return await exportCommand(env, rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } catch (e) {
    io.err(isAppError(e) || e instanceof Error ? `margin: ${e.message}` : `margin: ${String(e)}`);
    return 1;
  }
}

async function withDb<T>(env: Env, fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(env.DATABASE_URL, { poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function serve(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dev: { type: "boolean", default: false },
      demo: { type: "boolean", default: false },
      "no-migrate": { type: "boolean", default: false },
      "no-seed": { type: "boolean", default: false },
    },
  });
  const production = env.NODE_ENV === "production";
  const seedDemo = !values["no-seed"] && (values.demo || (env.SEED_DEMO ?? !production));
  const running = await startServer(env, {
    mode: values.dev ? "development" : "production",
    migrate: !values["no-migrate"] && env.MIGRATE_ON_START,
    seedDemo,
  });
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    running.services.logger.info("shutting down", { signal });
    const force = setTimeout(() => {
      running.services.logger.warn("shutdown timed out; closing connections");
      running.server.closeAllConnections();
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (e) => {
        running.services.logger.error("shutdown failed", { error: e });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  // Announced only once the signal handlers are in place, so whoever waits for
  // this line may stop the server at once.
  io.out(`Margin listening on ${running.url}`);
  if (running.demo) {
    io.out(`Demo consultation: ${running.url}/c/ai-guideline`);
    io.out(`Sign in at ${running.url}/login as ${running.demo.emails.join(", ")}`);
    io.out(env.DEMO_PASSWORD ? "  with the password in DEMO_PASSWORD" : `  with the password ${running.demo.password}`);
  }
  return await new Promise<number>(() => {});
}

async function exportCommand(env: Env, args: string[], io: Out): Promise<number> {
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

async function verify(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: "string" }, json: { type: "boolean", default: false } } });
  let report: VerifyReport;
  if (values.url !== undefined) {
    let url: URL;
    try {
      url = new URL(values.url);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
    } catch {
      io.err(`margin verify: --url needs an http(s) address, such as http://localhost:3000 (got "${values.url}")`);
      return 1;
    }
    try {
      report = await verifyLedger(httpSource(url.toString()));
    } catch (e) {
      if (e instanceof HttpError) {
        io.err(`margin verify: ${e.message}`);
        return 1;
      }
      throw e;
    }
  } else {
    report = await withDb(env, (db) => verifyLedger(databaseSource(db)));
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    const summary = `${report.entries} entries in ${report.chains} chain(s), ${report.changeSets} change sets replayed across ${report.sections} section(s), in ${report.ms} ms`;
    if (report.ok) {
      io.out(`OK — ${report.source}: ${summary}.`);
      if (report.head) io.out(`Public head: #${report.head.seq} ${report.head.hash}`);
    } else {
      io.err(`FAILED — ${report.source}: ${report.problem}`);
      io.err(`(checked ${summary} before stopping)`);
    }
    for (const note of report.notes) io.out(`note: ${note}`);
  }
  return report.ok ? 0 : 1;
}

async function migrate(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { down: { type: "boolean", default: false } } });
  const ran = await withDb(env, (db) => (values.down ? migrateDownAll(db.kysely) : migrateOnce(db)));
  io.out(ran.length ? ran.join("\n") : "Database is up to date.");
  return 0;
}

async function seed(env: Env, io: Out): Promise<number> {
  const result = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return seedDemo(db, env.DEMO_PASSWORD);
  });
  io.out(result.created ? "Seeded the demo consultation." : "The demo consultation exists already.");
  io.out(`Demo accounts: ${result.emails.join(", ")}`);
  io.out(env.DEMO_PASSWORD ? "Password: the value of DEMO_PASSWORD" : `Password: ${result.password}`);
  return 0;
}

async function user(env: Env, args: string[], io: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "add") {
    io.err(`Unknown subcommand "user ${sub ?? ""}". Try: margin user add --email … --password … --name …`);
    return 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "member" },
      organisation: { type: "string", default: "" },
      group: { type: "string", default: "other" },
    },
  });
  const problems: string[] = [];
  const email = EmailSchema.safeParse(values.email ?? "");
  if (!email.success) problems.push(`--email: ${email.error.issues[0]!.message}`);
  // An existing account may just be given a role (granting convener must not reset anyone's password).
  const existing = email.success && values.password === undefined ? await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    return findUserByEmail(db.kysely, email.data);
  }) : undefined;
  const password = existing ? null : PasswordSchema.safeParse(values.password ?? "");
  if (password && !password.success) problems.push(`--password: ${password.error.issues[0]!.message}`);
  const name = (values.name ?? "").trim();
  if (!existing && (!name || name.length > NAME_MAX)) problems.push(`--name: give a display name of 1 to ${NAME_MAX} characters`);
  if (!SITE_ROLES.includes(values.role as SiteRole)) problems.push(`--role: one of ${SITE_ROLES.join(", ")}`);
  if (!STAKEHOLDER_GROUPS.includes(values.group as StakeholderGroup)) problems.push(`--group: one of ${STAKEHOLDER_GROUPS.join(", ")}`);
  if (problems.length > 0 || !email.success || (password && !password.success)) {
    io.err(`Cannot add the user:\n  ${problems.join("\n  ")}`);
    return 1;
  }
  const role = values.role as SiteRole;
  const result = await withDb(env, async (db) => {
    await migrateToLatest(db.kysely);
    if (await findUserByEmail(db.kysely, email.data)) {
      await resetAccount(db, email.data, password?.data ?? null, role);
      return password ? "updated" : "role";
    }
    await createAccount(db, {
      email: email.data,
      password: password!.data!,
      displayName: name,
      organisation: values.organisation ?? "",
      stakeholderGroup: values.group as StakeholderGroup,
      siteRole: role,
    });
    return "created";
  });
  io.out(
    result === "created" ? `Created ${role} ${email.data}.` : result === "role" ? `${email.data} is now ${role}.` : `Updated the password and role (${role}) of ${email.data}.`,
  );
  return 0;
}

async function importCommand(env: Env, args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { owner: { type: "string" }, slug: { type: "string" }, title: { type: "string" } },
  });
  const file = positionals[0];
  if (!file || !values.owner) {
    io.err("Usage: margin import FILE.md|FILE.docx --owner EMAIL [--slug S] [--title T]");
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
    return importParsed(db, owner, parsed, { slug: slug?.data, title: values.title });
  });
  io.out(`Imported "${created.title}" as a draft at /c/${created.slug}.`);
  return 0;
}
