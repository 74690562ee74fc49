/**
 * Text as the classifier sees it: full-width forms folded (NFKC), Latin lower-cased, digits collapsed to 0
 * ("等了2小时" and "等了3小时" are the same evidence), runs of white space removed (Chinese has none).
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\d+/g, '0')
    .replace(/\s+/g, '')
    .trim();
}

/** Count of `!`, `！` (NFKC folds both to `!`): three or more is one of LABELING.md's signs of anger. */
export function exclamations(normalized: string): number {
  let n = 0;
  for (const ch of normalized) if (ch === '!') n++;
  return n;
}
