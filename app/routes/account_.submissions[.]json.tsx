import type { LoaderFunctionArgs } from "@remix-run/node";
import { submissionsDownload } from "./account_.submissions/data.server.js";

/** The download of everything one submitted: its owner's alone (anyone signed out is sent to sign in). */
export async function loader(args: LoaderFunctionArgs) {
  return submissionsDownload(args);
}
