/** Following (server/domain/follows): the follow form's checks and what cannot be followed. */
export const FOLLOW_JA: Record<string, string> = {
  "Choose what to follow.": "フォローする対象を選んでください。",
  "Choose follow or unfollow.": "フォローするか、やめるかを選んでください。",
  "That organisation": "その組織",
};
