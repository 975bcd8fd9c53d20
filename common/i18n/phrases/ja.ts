/**
 * Japanese for the server's English phrases (see ../phrases.ts). One object per
 * area, merged below, so each area's phrases are kept together.
 */
import { FORM_JA, FORM_PATTERNS_JA } from "./ja-form.js";
import { COMMENTS_JA, COMMENTS_PATTERNS_JA } from "./ja-comments.js";

export const PHRASES_JA: Record<string, string> = {
  ...FORM_JA,
  ...COMMENTS_JA,
};

/**
 * Phrases with a varying part, written with {name} placeholders on both sides. The first
 * that matches wins, so the specific ones come before the forms' catch-all "{label} {problem}.".
 */
export const PATTERNS_JA: Record<string, string> = {
  ...COMMENTS_PATTERNS_JA,
  ...FORM_PATTERNS_JA,
};
