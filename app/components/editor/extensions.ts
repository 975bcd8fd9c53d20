import StarterKit from "@tiptap/starter-kit";
import { DOCUMENT_EXTENSIONS } from "../../../common/editor-schema.js";

/**
 * The editor's document model (without the collaboration extensions). It must
 * produce the same schema as server/collab/content.ts; a unit test checks that.
 * Tables and footnotes come from common/editor-schema.ts. History is Yjs's,
 * so ProseMirror's own undo is off.
 */
export const EDITOR_EXTENSIONS = [StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }), ...DOCUMENT_EXTENSIONS];
