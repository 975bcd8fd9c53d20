#!/usr/bin/env node
// The `margin` command. The server is TypeScript, run through tsx's loader so
// that there is no separate compile step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/index.ts");
process.exitCode = await main(process.argv.slice(2));
