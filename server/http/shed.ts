import type { NextFunction, Request, Response } from "express";
import { sendJsonError, sendPlainError } from "./respond.js";

/** How many page renders and API reads a node runs at once, how many may wait, and for how long. */
export interface ShedLimits {
  maxInFlight: number;
  maxQueued: number;
  maxWaitMs: number;
  retryAfterSeconds: number;
}

/** What the health check reports, so an operator sees shedding before users complain. */
export interface ShedStats {
  inFlight: number;
  queued: number;
  shed: number;
}

/**
 * Bounds the reads that cost the server real work (a page rendered on the server, an API read).
 * Up to `maxInFlight` run at once; up to `maxQueued` more wait in arrival order, each at most
 * `maxWaitMs`; anything beyond gets 503 with Retry-After at once. A burst of readers therefore
 * costs a bounded amount of memory and event-loop time, and the health check, the WebSocket
 * traffic and every write (which would lose someone's work if refused) never stand in this line:
 * the middleware is mounted after /healthz, upgrades never reach Express, and only GET and HEAD
 * are counted.
 */
export class LoadShedder {
  private inFlight = 0;
  private shedCount = 0;
  private readonly waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];

  constructor(private readonly limits: ShedLimits) {}

  stats(): ShedStats {
    return { inFlight: this.inFlight, queued: this.waiting.length, shed: this.shedCount };
  }

  /** Express middleware; `skip` names requests that are not counted (long-lived streams). */
  middleware(skip: (req: Request) => boolean = () => false) {
    return (req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== "GET" && req.method !== "HEAD") || skip(req)) return next();
      const start = () => {
        this.inFlight++;
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          this.inFlight--;
          this.startNext();
        };
        res.once("finish", release);
        res.once("close", release);
        next();
      };
      if (this.inFlight < this.limits.maxInFlight) return start();
      if (this.waiting.length >= this.limits.maxQueued) return this.refuse(req, res);
      const entry = {
        start,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          this.refuse(req, res);
        }, this.limits.maxWaitMs),
      };
      this.waiting.push(entry);
      // A reader who gives up while waiting leaves the line.
      res.once("close", () => {
        const i = this.waiting.indexOf(entry);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        clearTimeout(entry.timer);
      });
    };
  }

  private startNext(): void {
    while (this.inFlight < this.limits.maxInFlight) {
      const entry = this.waiting.shift();
      if (!entry) return;
      clearTimeout(entry.timer);
      entry.start();
    }
  }

  private refuse(req: Request, res: Response): void {
    this.shedCount++;
    if (res.headersSent || res.writableEnded) return;
    const message = "The server is busy right now. Please try again in a moment.";
    if (req.originalUrl.startsWith("/api/")) {
      sendJsonError(res, "unavailable", message, { retryAfterSeconds: this.limits.retryAfterSeconds });
      return;
    }
    res.setHeader("Retry-After", String(this.limits.retryAfterSeconds));
    sendPlainError(res, 503, "Busy", message);
  }
}
