/** The results page of an information request: tables with suppression, participation, public answers (issue 14). */
export const results = {
  "results.meta": "Results · {title}",
  "results.crumb": "Results",
  "results.title": "Results: {title}",
  "results.pending":
    "The results of this request will be published after its deadline, {at} ({left}): the statistics, the list of invited organisations with whether each responded, declined or did not answer, and the answers their authors made public. Until then nothing about who answered is public.",
  "results.about": "About these results",
  "results.published":
    "Published {at}, after the deadline of {deadline}, and recorded in the public ledger as they are shown here; they will not change. Counts are of organisations, from each one's latest submitted answers, broken down by kind of organisation.",
  "results.rule":
    "A count from 1 to {below} is not shown: with fewer than {k} organisations (this request's threshold k), a reader who knows some of them could tell what the others answered. Such a cell reads “suppressed”. Some other cells read “suppressed” too, although their count is 0 or at least {k}: shown, they would let anyone work out a hidden count by subtracting from a total (complementary suppression). Medians and quartiles are shown only over at least {k} numbers, and over all respondents only when that gives no smaller group's numbers away. Written answers are counted, never summarised; those their authors made public are listed below.",
  "results.someSuppressed": "Some cells of these results are suppressed.",
  "results.download": "Download exactly what this page shows: <csv>CSV</csv> · <json>JSON</json>",
  "results.suppressed": "suppressed",
  "results.notShown": "not shown",
  "results.question": "Question {n}: {prompt}",
  "results.caption.choices": "Organisations choosing each answer, by kind of organisation. “suppressed”: see the rule above.",
  "results.caption.multiple":
    "Organisations choosing each answer, by kind of organisation (several choices each, so the rows do not add up to the respondents). “suppressed”: see the rule above.",
  "results.caption.answered": "Organisations that answered, by kind of organisation. “suppressed”: see the rule above.",
  "results.answer": "Answer",
  "results.respondents": "Respondents",
  "results.all": "All respondents",
  "results.textNote": "Written answers are only counted here. Those made public by their authors are listed under “Public answers”.",
  "results.stats.caption":
    "Median and quartiles of the numbers given, by kind of organisation. Not shown over fewer than {k} numbers, nor over all respondents when the kinds not shown hold fewer than {k} numbers between them (comparing would give those numbers away).",
  "results.stats.statistic": "Statistic",
  "results.stats.q1": "Lower quartile",
  "results.stats.median": "Median",
  "results.stats.q3": "Upper quartile",
  "results.participation": "Who was asked, and who answered",
  "results.participation.counts":
    "Declining is as visible as answering: every invited organisation is listed with its status. {invited} invited: {responded} responded, {declined} declined, {noAnswer} did not answer. ",
  "results.participation.open":
    "{n, plural, one {# other organisation} other {# other organisations}} answered the open call (eligible by kind, not invited by name); they are counted, not named.",
  "results.participation.caption": "Invited organisations and their status at the deadline",
  "results.col.organisation": "Organisation",
  "results.col.kind": "Kind",
  "results.col.status": "Status",
  "results.col.reason": "Reason given",
  "results.status.responded": "Responded",
  "results.status.declined": "Declined",
  "results.status.no_answer": "No answer",
  "results.public": "Public answers",
  "results.public.named": "Public, with the organisation's name",
  "results.public.noNamed": "No answer was made public with a name.",
  "results.public.namedMeta": "({kind}, {day}) on {question}:",
  "results.public.aQuestion": "a question",
  "results.public.unnamed": "Public, without a name",
  "results.public.unnamedNote": "Listed in shuffled order, with the day only, and the kind of organisation only where at least {k} organisations of that kind responded.",
  "results.public.withheld":
    "{n, plural, one {One answer made public without a name is} other {# answers made public without a name are}} not listed: fewer than {k} organisations responded, so the list of who took part would tell whose they are. They are counted in the statistics above.",
  "results.public.noUnnamed": "No answer was made public without a name.",
  "results.public.unnamedMeta": "{kind}, {day}, on {question}:",
  "results.public.anOrganisation": "An organisation",
} as const;
