/** Positions by passage (server/domain/comments/positions.ts): a passage that is not one of the text. */
export const PASSAGES_JA: Record<string, string> = {
  "Choose a passage from the text: select whole words, at least a few characters, or take your position on the whole section.":
    "本文から箇所を選んでください。数文字以上の語のまとまりを選択するか、節全体への立場を示してください。",
};
