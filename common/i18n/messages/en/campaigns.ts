/** Campaigns: near-identical submissions shown as one entry (issue 18, ADR 030). */
export const campaigns = {
  "campaigns.meta": "A campaign text · {title} · Margin",
  "campaigns.meta.none": "Campaign · Margin",
  "campaigns.heading": "A campaign text",
  "campaigns.count": "This text was submitted by {n, plural, one {# participant} other {# participants}}.",
  "campaigns.lead": "Submissions that repeat the same text, give or take small edits, are shown once. Every submission still counts and keeps its own receipt.",
  "campaigns.period": "First submitted {first}, last {last}.",
  "campaigns.text": "The text",
  "campaigns.inSection": "Submitted on the section: ",
  "campaigns.variations": "How the copies differ",
  "campaigns.variations.lead": "What each copy adds to the text above, grouped by identical additions.",
  "campaigns.variation.same": "The text as it stands",
  "campaigns.variation.edited": "Copies edited since they were submitted",
  "campaigns.variation.count": "{n, plural, one {# copy} other {# copies}}",
  "campaigns.variations.none": "No variations to show.",
  "campaigns.variations.more": "More variations",
};
