/** Japanese for the notifications' server phrases (issue 16). */
export const NOTIFICATIONS_JA: Record<string, string> = {
  "That notification": "その通知",
};
