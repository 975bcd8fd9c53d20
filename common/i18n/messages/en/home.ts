/** The start page: the list of consultations. */
export const home = {
  "home.meta.title": "Consultations · Margin",
  "home.hero.title": "Have your say on draft guidance",
  "home.hero.lead": "Read drafts as they are written, comment on exact passages, and see how every comment was answered. The full history of each text is public.",
  "home.list.title": "Consultations",
  "home.empty": "There are no public consultations yet.",
  "home.empty.create": "<link>Start one</link> to begin.",
  "home.empty.signedIn": "Conveners publish them; a site administrator grants that role.",
  "home.empty.signIn": "<link>Sign in</link> to begin.",
  "home.publishedBy": "Published by {name}",
  "home.publishedByOrg": "Published by {name}, {organisation}",
} as const;
