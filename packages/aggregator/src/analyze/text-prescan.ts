import { outlineRanges } from './outline';

/**
 * What a module's text alone tells before TypeScript parses it: the ranges of its outline
 * (outline.ts; null where the scan gives up) and how many brackets it opens, a bound on how
 * deep they can nest (nesting-depth.ts looks closer only past the limit). The source thread
 * finds both as it reads, so the main thread only blanks and parses. That shortens a run
 * where the main thread is the bottleneck and cores are to spare; on a 2-vCPU machine the
 * two threads share about one core's worth of CPU, and it measured the same (issue 15 note).
 */
export interface TextPrescan {
  outline: number[] | null;
  brackets: number;
}

export function prescanText(text: string): TextPrescan {
  return { outline: outlineRanges(text), brackets: countOpeningBrackets(text) };
}

/** Every `(`, `[` and `{`, in code, strings and comments alike. */
export function countOpeningBrackets(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) count += 1;
  }
  return count;
}
