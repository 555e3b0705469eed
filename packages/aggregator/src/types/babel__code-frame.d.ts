// @babel/code-frame 7 ships no types and @types/babel__code-frame is not installed; this
// declares the one function we call, as documented at https://babeljs.io/docs/babel-code-frame.
declare module '@babel/code-frame' {
  export interface SourceLocation {
    start: { line: number; column?: number };
    end?: { line: number; column?: number };
  }
  export interface CodeFrameOptions {
    highlightCode?: boolean;
    forceColor?: boolean;
    linesAbove?: number;
    linesBelow?: number;
    /** The line number of the first line of `rawLines` (default 1). */
    startLine?: number;
    message?: string;
  }
  export function codeFrameColumns(rawLines: string, location: SourceLocation, options?: CodeFrameOptions): string;
}
