import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

export const streamTimeout = 5000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.margin?.nonce;
  // Crawlers and no-JS readers get the whole document at once; browsers get it streamed.
  const waitFor = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellFailed = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />,
      {
        nonce,
        [waitFor]() {
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: shellFailed ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          shellFailed = true;
          if (!request.signal.aborted) loadContext.margin?.services.logger.error("render failed", { path: new URL(request.url).pathname, error });
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * React 18's streaming renderer writes its whole 2048-byte buffer when a
 * multi-byte character (Japanese text, say) does not fit at its end, so the
 * unused bytes go out as NULs in the middle of the page (react/react#31134).
 * UTF-8 encodes nothing else with a zero byte and pages never contain U+0000
 * (input refuses it), so dropping every zero byte restores the text exactly.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((b) => b !== 0) : chunk);
    },
  });
}
