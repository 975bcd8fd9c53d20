import { Fragment, useMemo, type ReactNode } from "react";
import { useT } from "../../i18n/index.js";
import { FootnoteList, renderWithOffsets, tableElement, type FootnoteIds, textPieces, withMarks, type PmNode } from "../offset-text.js";

export interface Highlight {
  id: string;
  start: number;
  end: number;
  label: string;
}

/**
 * Renders a frozen version's content read-only, marking comment passages by
 * their offsets in its plain text (counted by the rules of common/text-blocks.ts).
 */
export function FrozenText({ content, highlights, idPrefix }: { content: PmNode; highlights: Highlight[]; idPrefix: string }) {
  const { t } = useT();
  const footnotes = useMemo<FootnoteIds>(() => ({ prefix: idPrefix, refLabel: (n) => t("reader.footnote.ref", { n }) }), [idPrefix, t]);
  return (
    <>
      {renderWithOffsets(content, {
        footnotes,
        text(node, start, key) {
          const parts = textPieces(node.text ?? "", start, highlights).map(({ piece, from, to }, i) => {
            const h = highlights.find((x) => x.start <= from && to <= x.end);
            return h ? (
              <a key={i} href={`#note-${h.id}`} className="anchor" title={h.label}>
                {piece}
              </a>
            ) : (
              piece
            );
          });
          // Keyed: a block's children are an array (React warns, and tests fail on console.error, otherwise).
          return withMarks(node, <Fragment key={key}>{parts}</Fragment>, key);
        },
        block: frozenBlock,
      })}
      <FootnoteList doc={content} ids={footnotes} title={t("reader.footnotes.title")} backLabel={(n) => t("reader.footnote.back", { n })} />
    </>
  );
}

function frozenBlock(node: PmNode, key: string, kids: ReactNode[]): ReactNode {
  const table = tableElement(node, key, kids);
  if (table) return table;
  switch (node.type) {
    case "paragraph":
      return <p key={key}>{kids}</p>;
    case "heading": {
      const level = Math.min(6, Math.max(2, Number(node.attrs?.level ?? 2) + 1));
      const Tag = `h${level}` as "h3";
      return <Tag key={key}>{kids}</Tag>;
    }
    case "bulletList":
      return <ul key={key}>{kids}</ul>;
    case "orderedList":
      return <ol key={key}>{kids}</ol>;
    case "listItem":
      return <li key={key}>{kids}</li>;
    case "blockquote":
      return <blockquote key={key}>{kids}</blockquote>;
    case "codeBlock":
      return <pre key={key}>{kids}</pre>;
    case "horizontalRule":
      return <hr key={key} />;
    default:
      return <div key={key}>{kids}</div>;
  }
}
