/** "My submissions" (server/domain/my-submissions.ts). */
export const MY_SUBMISSIONS_JA: Record<string, string> = {
  "Your submissions": "あなたの提出",
};
