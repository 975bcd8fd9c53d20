// The `margin` command: the usage text and the dispatch; each command is in commands/.
import { messagesLocaleOf, readEnv } from "../env.js";
import { translator } from "../../common/i18n/intl.js";
import { isAppError } from "../errors.js";
import { exportCommand } from "./commands/export.js";
import { importCommand } from "./commands/import.js";
import { migrate, seed } from "./commands/database.js";
import { serve } from "./commands/serve.js";
import { org } from "./commands/org.js";
import { user } from "./commands/user.js";
import { verify } from "./commands/verify.js";
import { keys } from "./commands/keys.js";
import { witness } from "./commands/witness.js";
import { results } from "./commands/results.js";
import { search } from "./commands/search.js";
import { mail } from "./commands/mail.js";
import { cliLocale, stdio, type Out } from "./io.js";

/** The help text, in the language of LC_ALL / LC_MESSAGES / LANG (common/i18n/messages/*\/cli.ts). */
const usage = (io: Out) => io.tr.t("cli.usage", { cmd: io.tr.t("cli.usage.command") });

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[], io: Out = stdio(translator(cliLocale(messagesLocaleOf())))): Promise<number> {
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
      case "org":
        return await org(env, rest, io);
      case "import":
        return await importCommand(env, rest, io);
      case "verify":
        return await verify(env, rest, io);
      case "keys":
        return await keys(env, rest, io);
      case "witness":
        return await witness(rest, io);
      case "export":
        return await exportCommand(env, rest, io);
      case "results":
        return await results(env, rest, io);
      case "search":
        return await search(env, rest, io);
      case "mail":
        return await mail(env, rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(usage(io));
        return command === undefined ? 1 : 0;
      default:
        io.err(`${io.tr.t("cli.unknownCommand", { command })}\n\n${usage(io)}`);
        return 1;
    }
  } catch (e) {
    // An AppError's message is a phrase the pages translate too; other errors are shown as they are.
    io.err(io.tr.t("cli.error", { message: isAppError(e) ? io.tr.msg(e.message) : e instanceof Error ? e.message : String(e) }));
    return 1;
  }
}
