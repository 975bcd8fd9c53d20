import { afterEach, describe, expect, it, vi } from "vitest";
import { createInProcessBus, type BusEvent } from "../bus/bus.js";
import { createTextEvents } from "./text-events.js";

describe("text events", () => {
  afterEach(() => vi.useRealTimers());

  function setup() {
    vi.useFakeTimers();
    const bus = createInProcessBus((e) => {
      throw e;
    });
    const heard: BusEvent[] = [];
    bus.subscribe((e) => heard.push(e));
    return { heard, events: createTextEvents(bus, 1000) };
  }

  it("tells of the first change at once and of a burst at most once per interval, the last change included", () => {
    const { heard, events } = setup();
    events.changed("s1");
    expect(heard).toEqual([{ type: "section.text", sectionId: "s1" }]);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(50);
      events.changed("s1");
    }
    // 2.5 s of typing: the first notice, then one per second.
    expect(heard).toHaveLength(3);
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveLength(4);
    vi.advanceTimersByTime(5000);
    expect(heard).toHaveLength(4);
  });

  it("keeps sections apart and forgets pending notices when closed", () => {
    const { heard, events } = setup();
    events.changed("s1");
    events.changed("s2");
    events.changed("s1");
    expect(heard.map((e) => (e as { sectionId: string }).sectionId)).toEqual(["s1", "s2"]);
    events.close();
    vi.advanceTimersByTime(5000);
    expect(heard).toHaveLength(2);
  });
});
