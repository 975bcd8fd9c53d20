/** The search query's checks (SearchQuerySchema in server/domain/schemas.ts). */
export const SEARCH_JA: Record<string, string> = {
  "The search": "検索語",
  "Choose what to search: consultations, sections, comments, responses or requests.": "検索する種類を、意見募集・本文・意見・考え方・情報提供の依頼から選んでください。",
  "Choose a consultation status: open, closed or final.": "意見募集の状況を、受付中・受付終了・確定から選んでください。",
  "Choose a stakeholder group.": "属性を選んでください。",
  "Choose a kind of organisation.": "組織の種別を選んでください。",
  "The start date": "開始日",
  "The end date": "終了日",
  "The page must be a number.": "ページは数字で指定してください。",
  "The page must be a whole number.": "ページは整数で指定してください。",
  "The page must be 1 or more.": "ページは1以上で指定してください。",
  "The date range ends before it starts.": "終了日が開始日より前になっています。",
};

export const SEARCH_PATTERNS_JA: Record<string, string> = {
  "Search shows at most {n} pages; narrow the search.": "検索結果は{n}ページまで表示します。条件を絞り込んでください。",
  "{label} must be a date (YYYY-MM-DD).": "{label}は日付（YYYY-MM-DD）で入力してください。",
};
