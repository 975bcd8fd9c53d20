/** The section page at scale: paged rail and the heat strip (issue 18, ADR 033). */
export const heat = {
};
