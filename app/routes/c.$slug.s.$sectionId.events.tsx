import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireConsultation, requireSection } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

/** Keeps proxies from closing a quiet stream. */
export const SSE_HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for one section: "activity" whenever its comments or
 * positions change, "text" when its public text changed (at most once per
 * COLLAB_TEXT_EVENT_MS; readers without the editor re-read it then). The page
 * re-reads its data, which the server filters for that viewer, so nothing
 * private travels on this channel.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, bus } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const section = await orStatus(requireSection(db, view, params.sectionId ?? ""));
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (s: string) => {
        try {
          controller.enqueue(encoder.encode(s));
        } catch {
          cleanup();
        }
      };
      write("retry: 3000\n\n");
      const unsubscribe = bus.subscribe((event) => {
        // After the shared bus was away, anything may have been missed: re-read.
        if ((event.type === "section.activity" && event.sectionId === section.id) || event.type === "bus.resync") write(`event: activity\ndata: ${Date.now()}\n\n`);
        else if (event.type === "section.text" && event.sectionId === section.id) write(`event: text\ndata: ${Date.now()}\n\n`);
      });
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), SSE_HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
