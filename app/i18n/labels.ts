import { labelIn, type LabelKind } from "../../common/i18n/labels.js";
import { useT } from "./index.js";

/** `const label = useLabel(); label("stance", "support")` → "Support" / "賛成". */
export function useLabel(): (kind: LabelKind, value: string) => string {
  const tr = useT();
  return (kind, value) => labelIn(tr, kind, value);
}
