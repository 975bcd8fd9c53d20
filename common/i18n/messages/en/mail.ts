/** The parts every mail shares: greeting, footer, unsubscribe. Each kind of mail keeps its own words in its area. */
export const mail = {
  "mail.greeting": "Hello {name},",
  "mail.greetingAnonymous": "Hello,",
  "mail.linkFallback": "If the button does not work, copy this address into your browser:",
  "mail.footer.why": "You receive this mail because of your account on {site}.",
  "mail.footer.manage": "Choose which mails you get: {url}",
  "mail.footer.unsubscribe": "Stop mails of this kind with one click: {url}",
  "mail.footer.unsubscribeLink": "Unsubscribe",
  "mail.footer.manageLink": "Notification settings",
  "mail.footer.noReply": "Replies to this address are not read by the consultation's team; comment on the consultation instead.",
};
