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
 * useQuietRevalidate for the text's notices, which come while drafters type: one
 * that arrives while a re-read is under way is kept and read once that ends, so
 * the last change is never missed, and at most one re-read runs at a time. One
 * that arrives during a navigation is dropped, as there: the navigation reads afresh.
 */
export function useTrailingRevalidate(): () => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const [pending, setPending] = useState(false);
  const navigating = useRef(false);
  navigating.current = navigation.state !== "idle";
  const idle = revalidator.state === "idle" && navigation.state === "idle";
  useEffect(() => {
    if (pending && idle) {
      setPending(false);
      revalidator.revalidate();
    }
  }, [pending, idle, revalidator]);
  return useCallback(() => {
    if (!navigating.current) setPending(true);
  }, []);
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
