import { useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

/** False on the server and in the first render in the browser; true once hydrated. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * Re-reads the page's data when the server says the section's discussion
 * changed, and its text when given `onText` (readers, who have no live document).
 */
export function useSectionEvents(url: string, onActivity: () => void, onText: (() => void) | null = null) {
  const latest = useRef({ onActivity, onText });
  latest.current = { onActivity, onText };
  useEffect(() => {
    const source = new EventSource(url);
    source.addEventListener("activity", () => latest.current.onActivity());
    source.addEventListener("text", () => latest.current.onText?.());
    return () => source.close();
  }, [url]);
}

/**
 * The reader view's text: the loader's, until a fetch from `url` (the section's
 * text route) brings a newer one (a later log position). `refresh` fetches it;
 * called while a fetch is under way, it fetches once more after, so the last
 * change is never missed and at most one fetch runs at a time.
 */
export function useLiveText<T extends { seq: number }>(url: string, fromLoader: T): [T, () => void] {
  const [fetched, setFetched] = useState<{ url: string; value: T } | null>(null);
  const running = useRef(false);
  const again = useRef(false);
  const refresh = useCallback(() => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    void (async () => {
      try {
        do {
          again.current = false;
          const res = await fetch(url, { headers: { accept: "application/json" } });
          if (!res.ok) break;
          const value = (await res.json()) as T;
          setFetched((prev) => (prev && prev.url === url && prev.value.seq > value.seq ? prev : { url, value }));
        } while (again.current);
      } catch {
        // Offline or the server restarting: the event stream reconnects, and its next notice fetches again.
      } finally {
        running.current = false;
      }
    })();
  }, [url]);
  const current = fetched && fetched.url === url && fetched.value.seq > fromLoader.seq ? fetched.value : fromLoader;
  return [current, refresh];
}

/**
 * Re-reads the page's data, unless a navigation is under way: it loads fresh data anyway,
 * and re-reading alongside it could swallow its one-time message (the flash) or race its redirect.
 */
export function useQuietRevalidate(): () => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  return useCallback(() => {
    if (revalidator.state === "idle" && navigation.state === "idle") revalidator.revalidate();
  }, [revalidator, navigation.state]);
}

/** The thread the reader is looking at, scrolled into view and focused when chosen from the text. */
export function useActiveThread(): [string | null, (id: string) => void] {
  const [activeId, setActiveId] = useState<string | null>(null);
  const activate = useCallback((id: string) => {
    setActiveId(id);
    const el = document.getElementById(`thread-${id}`);
    el?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    el?.focus({ preventScroll: true });
  }, []);
  return [activeId, activate];
}

/**
 * After a post: the passage it was on is let go (so the next comment starts on the whole
 * section), and the focus moves to the new item in the rail, where its message is.
 */
export function usePostedItem(postedId: string | null, clearPassage: () => void) {
  const clear = useRef(clearPassage);
  clear.current = clearPassage;
  useEffect(() => {
    if (!postedId) return;
    clear.current();
    // A caret at the start of the text rather than no selection: the text view reads it as its own
    // (empty) selection, so choosing the same words again counts as a new choice.
    const text = document.querySelector(".ProseMirror");
    if (text) window.getSelection()?.collapse(text, 0);
    const el = document.getElementById(`thread-${postedId}`) ?? document.getElementById(`comment-${postedId}`);
    el?.scrollIntoView({ block: "nearest" });
    el?.focus({ preventScroll: true });
  }, [postedId]);
}
