// The e-Gov results table's downloads (ADR 034): CSV (optionally with the byte-order mark Excel needs to read
// UTF-8), versioned JSON, and the self-contained A4 HTML the PDF is printed from. All in the consultation's
// language, the language the table is published in, whatever the reader's interface language.
import { translator, type Translator } from "../../../common/i18n/intl.js";
import { labelIn } from "../../../common/i18n/labels.js";
import { isLocale, type Locale } from "../../../common/i18n/locales.js";
import { escapeHtml } from "../../text/markdown.js";
import { csvFile } from "../../text/csv.js";
import { csvCell } from "./report.js";
import type { ResultsDocument, ResultsRow } from "./egov.js";

/** The language the table is published in: the consultation's, English when it is not one the catalogs have. */
export function resultsLocale(doc: Pick<ResultsDocument, "consultation">): Locale {
  return isLocale(doc.consultation.language) ? doc.consultation.language : "en";
}

/** What a row's gist column says, as plain lines. */
export function gistLines(tr: Translator, r: ResultsRow): string[] {
  if (r.kind === "awaiting") return [tr.t("egov.awaiting.gist", { count: r.count })];
  if (r.withdrawn) return [tr.t("egov.withdrawn")];
  const lines = [...r.opinions];
  if (r.kind === "individual" && r.count > r.opinions.length) lines.push(tr.t("egov.merged.more", { n: r.count - r.opinions.length }));
  return lines;
}

function outcomeOf(tr: Translator, r: ResultsRow): string {
  return r.outcome ? labelIn(tr, "disposition", r.outcome) : tr.t("egov.awaiting");
}

export function resultsToCsv(doc: ResultsDocument, opts: { bom: boolean }): string {
  const tr = translator(resultsLocale(doc));
  const t = tr.t;
  const header = [
    t("egov.col.no"),
    t("egov.col.section"),
    t("egov.col.kind"),
    t("egov.col.gist"),
    t("egov.col.count"),
    t("egov.col.answer"),
    t("egov.col.outcome"),
    t("egov.col.changed"),
    t("egov.col.changeSets"),
    t("egov.col.version"),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const r of doc.rows) {
    lines.push(
      [
        r.no,
        [r.sectionTitle, ...r.otherSections].join(" / "),
        t(`egov.kind.${r.kind}`),
        gistLines(tr, r).join("\n"),
        r.count,
        r.response,
        outcomeOf(tr, r),
        r.kind === "awaiting" ? "" : t(r.textChanged ? "egov.changed.yes" : "egov.changed.no"),
        r.changes.map((c) => c.id).join(" "),
        r.answeredInVersion,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return csvFile(`${lines.join("\r\n")}\r\n`, opts);
}

export function resultsToJson(doc: ResultsDocument): string {
  const { offset: _offset, ...whole } = doc;
  return JSON.stringify(whole, null, 2);
}

/** Print rules shared in spirit with the page's (app/styles.css, `.egov-*`): A4, the header row on every page, rows kept whole. */
const PDF_CSS = `
@page { size: A4; margin: 15mm 12mm 16mm; }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Noto Sans", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 9.5pt; color: #000; }
body { margin: 0; }
h1 { font-size: 14pt; margin: 0 0 4mm; }
p { margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #555; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; white-space: pre-line; }
th { background: #eee; font-weight: 600; }
col.no { width: 7%; } col.section { width: 12%; } col.gist { width: 31%; } col.count { width: 7%; } col.answer { width: 27%; } col.outcome { width: 8%; } col.changed { width: 8%; }
td.num { text-align: right; }
.kind { display: block; font-size: 8pt; color: #444; }
.meta { color: #444; font-size: 8.5pt; }
a { color: inherit; }
`;

/** The table as one self-contained A4 document (nothing fetched): what Chromium prints to PDF. Links are absolute, to `origin`. */
export function resultsHtml(doc: ResultsDocument, opts: { origin: string; timeZone: string; generatedAt: string }): string {
  const locale = resultsLocale(doc);
  const tr = translator(locale);
  const { t } = tr;
  const e = escapeHtml;
  const base = `${opts.origin}/c/${encodeURIComponent(doc.consultation.slug)}`;
  const when = (iso: string) => tr.dateTime(iso, opts.timeZone);
  const lead = doc.until
    ? t("egov.lead.next", { at: when(doc.version.publishedAt), next: doc.until.number, nextAt: when(doc.until.publishedAt) })
    : t("egov.lead.now", { at: when(doc.version.publishedAt) });
  const rows = doc.rows
    .map((r) => {
      const gist = gistLines(tr, r).map(e).join("\n");
      const kind = r.kind === "group" && r.groupKind ? `<span class="kind">${e(t(`egov.group.${r.groupKind}`))}</span>` : "";
      const also = r.otherSections.length > 0 ? `<span class="kind">${e(t("egov.alsoIn", { sections: r.otherSections.join("、") }))}</span>` : "";
      const links = [
        ...r.changes.map((c) => `<a href="${e(`${base}/s/${c.sectionId}/history#change-${c.id}`)}">${e(t("egov.change", { id: c.id.slice(0, 6) }))}</a>`),
        ...(r.answeredInVersion ? [`<a href="${e(`${base}/v/${r.answeredInVersion}`)}">${e(t("egov.inVersion", { number: r.answeredInVersion }))}</a>`] : []),
      ];
      const changed = r.kind === "awaiting" ? "" : `${e(t(r.textChanged ? "egov.changed.yes" : "egov.changed.no"))}${links.length ? `<br>${links.join("<br>")}` : ""}`;
      return `<tr><td class="num">${r.no}</td><td>${e(r.sectionTitle)}${also}</td><td>${gist}${kind}</td><td class="num">${e(tr.number(r.count))}</td><td>${e(r.response ?? "")}</td><td>${e(outcomeOf(tr, r))}</td><td>${changed}</td></tr>`;
    })
    .join("\n");
  const confidential = doc.confidentialSubmissions > 0 ? `<p>${e(t("egov.confidential", { count: doc.confidentialSubmissions }))}</p>` : "";
  return `<!doctype html>
<html lang="${e(locale === doc.consultation.language ? locale : doc.consultation.language)}">
<head><meta charset="utf-8"><title>${e(`${t("egov.title")} — ${doc.consultation.title}`)}</title><style>${PDF_CSS}</style></head>
<body>
<h1>${e(t("egov.heading", { number: doc.version.number, name: doc.version.name }))}</h1>
<p>${e(doc.consultation.title)}</p>
<p>${e(lead)}</p>
<p>${e(t("egov.summary", { comments: doc.totals.comments, rows: doc.totals.rows, answered: doc.totals.answered, awaiting: doc.totals.awaiting }))}</p>
${confidential}
<p class="meta">${e(t("egov.pdf.generated", { at: when(opts.generatedAt) }))} · <a href="${e(`${base}/v/${doc.version.number}/results`)}">${e(`${base}/v/${doc.version.number}/results`)}</a></p>
<table>
<caption style="caption-side: top; text-align: left; font-weight: 600; margin-bottom: 2mm">${e(t("egov.caption"))}</caption>
<colgroup><col class="no"><col class="section"><col class="gist"><col class="count"><col class="answer"><col class="outcome"><col class="changed"></colgroup>
<thead><tr><th>${e(t("egov.col.no"))}</th><th>${e(t("egov.col.section"))}</th><th>${e(t("egov.col.gist"))}</th><th>${e(t("egov.col.count"))}</th><th>${e(t("egov.col.answer"))}</th><th>${e(t("egov.col.outcome"))}</th><th>${e(t("egov.col.changed"))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${doc.rows.length === 0 ? `<p>${e(t("egov.empty"))}</p>` : ""}
</body>
</html>
`;
}
