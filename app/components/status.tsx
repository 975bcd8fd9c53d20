import { PHASE_LABEL, type Phase } from "../utils/format.js";

export function PhaseBadge({ phase }: { phase: Phase }) {
  return <span className={`badge badge--${phase}`}>{PHASE_LABEL[phase]}</span>;
}
