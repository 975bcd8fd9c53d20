/** The test mail `margin mail test` sends. */
export const mailTest = {
  "mailTest.subject": "Margin: test mail",
  "mailTest.body": "This is a test mail from the Margin server at {site}. If you can read it, mail delivery works.",
};
