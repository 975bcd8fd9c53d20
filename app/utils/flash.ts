import type { UIMatch } from "@remix-run/react";

/**
 * A route's `handle` may say that its page shows this request's flash itself (beside the
 * item it is about), so the shell does not show it a second time at the top.
 */
export interface FlashHandle {
  showsFlash: (data: unknown) => boolean;
}

/** Whether a matched route shows the flash itself. */
export function flashShownByRoute(matches: UIMatch[]): boolean {
  return matches.some((m) => {
    const handle = m.handle as Partial<FlashHandle> | undefined;
    return typeof handle?.showsFlash === "function" && handle.showsFlash(m.data);
  });
}
