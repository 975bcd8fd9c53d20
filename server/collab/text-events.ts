import type { Bus } from "../bus/bus.js";

export interface TextEvents {
  /** Notes that the section's text changed on this node; readers hear of it within `intervalMs`. */
  changed(sectionId: string): void;
  /** Drops the pending notices (shutdown). */
  close(): void;
}

/**
 * Tells readers' pages (through the bus, so every node's event streams hear it)
 * that a section's text changed: the first change at once, then at most one
 * notice per interval while typing goes on, the last change always included.
 * Each notice makes every open reader page re-read the section, so the
 * interval bounds that load however fast drafters type.
 */
export function createTextEvents(bus: Bus, intervalMs: number): TextEvents {
  const open = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();
  const arm = (sectionId: string) => {
    const entry = {
      dirty: false,
      timer: setTimeout(() => {
        open.delete(sectionId);
        if (entry.dirty) publish(sectionId);
      }, intervalMs),
    };
    entry.timer.unref();
    open.set(sectionId, entry);
  };
  const publish = (sectionId: string) => {
    bus.publish({ type: "section.text", sectionId });
    arm(sectionId);
  };
  return {
    changed(sectionId) {
      const entry = open.get(sectionId);
      if (entry) entry.dirty = true;
      else publish(sectionId);
    },
    close() {
      for (const e of open.values()) clearTimeout(e.timer);
      open.clear();
    },
  };
}
