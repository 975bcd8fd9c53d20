/** A consultation's and a request's shared fields (server/domain/schemas.ts ConsultationFieldsSchema, request-schemas.ts). */
export const FIELDS_JA: Record<string, string> = {
  Title: "件名",
  Summary: "概要",
  "Opening time": "開始日時",
  "Closing time": "締切日時",
  Deadline: "締切",
  "The closing time must be after the opening time.": "締切日時は開始日時より後にしてください。",
  "Choose pre- or post-moderation.": "事前モデレーションか事後モデレーションかを選んでください。",
  "Choose a time zone from the list, such as Asia/Tokyo or UTC.": "一覧からタイムゾーン（Asia/Tokyo、UTC など）を選んでください。",
  // Written out: the generic "{label} {problem}." pattern would catch them first.
  "Opening time is not a valid date and time.": "開始日時が正しくありません。",
  "Closing time is not a valid date and time.": "締切日時が正しくありません。",
  "Deadline is not a valid date and time.": "締切の日時が正しくありません。",
};
