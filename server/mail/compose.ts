import type { Locale } from "../../common/i18n/locales.js";
import { translator } from "../../common/i18n/intl.js";

/** What a kind of mail says, already in the recipient's language; the frame (greeting, button, footer) is added here. */
export interface MailDraft {
  subject: string;
  /** The recipient's display name, or null for someone without an account yet. */
  name: string | null;
  paragraphs: string[];
  /** The one thing to do: a button in HTML, a bare link in text. */
  action?: { label: string; url: string };
  /** Paragraphs after the action (expiry, "if this was not you"). */
  after?: string[];
}

export interface MailFooter {
  /** The site's origin, named in the footer. */
  origin: string;
  /** The notification settings page, for mails a setting can stop. */
  manageUrl?: string;
  /** The one-click unsubscribe link (also sent as List-Unsubscribe). */
  unsubscribeUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Subjects are one line: a newline in a title must not become a header of its own. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, " ").trim();
}

/**
 * A mail in plain text and HTML with the same content: greeting, paragraphs,
 * the action as a link (a button in HTML, with the address written out for
 * clients that show no buttons), then the footer. Every value is escaped.
 */
export function renderMail(locale: Locale, draft: MailDraft, footer: MailFooter): RenderedMail {
  const { t } = translator(locale);
  const greeting = draft.name ? t("mail.greeting", { name: oneLine(draft.name) }) : t("mail.greetingAnonymous");
  const site = new URL(footer.origin).host;
  const footerLines = [t("mail.footer.why", { site }), t("mail.footer.noReply")];
  const text = [
    greeting,
    ...draft.paragraphs,
    ...(draft.action ? [`${draft.action.label}:\n${draft.action.url}`] : []),
    ...(draft.after ?? []),
    "-- ",
    [
      ...footerLines,
      ...(footer.manageUrl ? [t("mail.footer.manage", { url: footer.manageUrl })] : []),
      ...(footer.unsubscribeUrl ? [t("mail.footer.unsubscribe", { url: footer.unsubscribeUrl })] : []),
    ].join("\n"),
  ].join("\n\n");
  const p = (s: string) => `<p style="margin:0 0 1em">${escapeHtml(s).replace(/\n/g, "<br>")}</p>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(draft.subject))}</title></head>`,
    `<body style="font-family:system-ui,-apple-system,'Hiragino Sans','Noto Sans CJK JP',sans-serif;line-height:1.6;color:#1b1b1b;max-width:36em;margin:0 auto;padding:1em">`,
    p(greeting),
    ...draft.paragraphs.map(p),
    ...(draft.action
      ? [
          `<p style="margin:1.5em 0"><a href="${escapeHtml(draft.action.url)}" style="background:#1d4ed8;color:#fff;padding:.6em 1.2em;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(draft.action.label)}</a></p>`,
          `<p style="margin:0 0 1em;font-size:.9em;color:#555">${escapeHtml(t("mail.linkFallback"))}<br><a href="${escapeHtml(draft.action.url)}">${escapeHtml(draft.action.url)}</a></p>`,
        ]
      : []),
    ...(draft.after ?? []).map(p),
    `<hr style="border:0;border-top:1px solid #ddd;margin:2em 0 1em">`,
    `<div style="font-size:.85em;color:#555">`,
    ...footerLines.map(p),
    footer.manageUrl || footer.unsubscribeUrl
      ? `<p style="margin:0">${[
          footer.manageUrl ? `<a href="${escapeHtml(footer.manageUrl)}">${escapeHtml(t("mail.footer.manageLink"))}</a>` : "",
          footer.unsubscribeUrl ? `<a href="${escapeHtml(footer.unsubscribeUrl)}">${escapeHtml(t("mail.footer.unsubscribeLink"))}</a>` : "",
        ]
          .filter(Boolean)
          .join(" · ")}</p>`
      : "",
    `</div></body></html>`,
  ].join("\n");
  return { subject: oneLine(draft.subject), text, html };
}
