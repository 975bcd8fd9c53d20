import type { mailTest as en } from "../en/mail-test.js";

export const mailTest: Record<keyof typeof en, string> = {
  "mailTest.subject": "Margin：テストメール",
  "mailTest.body": "{site} の Margin サーバーからのテストメールです。このメールが読めれば、メールの配信は正常です。",
};
