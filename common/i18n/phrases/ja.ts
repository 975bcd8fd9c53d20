/**
 * Japanese for the server's English phrases (see ../phrases.ts). One object per
 * area, merged below, so each area's phrases are kept together.
 */
import { FORM_JA, FORM_PATTERNS_JA } from "./ja-form.js";
import { SEARCH_JA, SEARCH_PATTERNS_JA } from "./ja-search.js";

export const PHRASES_JA: Record<string, string> = {
  ...FORM_JA,
  ...SEARCH_JA,
};

/** Phrases with a varying part, written with {name} placeholders on both sides. */
export const PATTERNS_JA: Record<string, string> = {
  ...FORM_PATTERNS_JA,
  ...SEARCH_PATTERNS_JA,
};
