/** One considered answer to a group of comments (issue 18, ADR 032). */
export const groupResponse = {
};
