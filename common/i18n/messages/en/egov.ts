/** Results of the comment round as e-Gov publishes them (issue 18, ADR 034). */
export const egov = {
};
