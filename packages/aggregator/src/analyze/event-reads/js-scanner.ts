/**
 * A JavaScript tokenizer for reads-of-function.ts: one token at a time over a range of a module's
 * text, positions being the module's. The parser drives it: a `/` is scanned as a punctuator
 * and re-scanned as a regular expression where the parser expects an operand, and a `}` is
 * re-scanned as the rest of a template where the parser ends a `${…}` (as TypeScript's own
 * scanner does), so no guess is made about either.
 *
 * Why not TypeScript's parser: the outline (outline.ts) leaves function bodies out of the
 * parse, which keeps every run that reads no handler body cheap. Reading them costs about what
 * TypeScript takes to parse them: on `npm run bench`'s 2,002 files, TypeScript's parse of the
 * whole texts took ~140 ms more than of their outlines, and this reader ~160 ms in a cold
 * `check` (most of it V8 warming up its code; run again in one process, it takes a quarter).
 * Besides its ~120 ms on the main thread (alone, first pass), TurboFan's compiles of it take
 * ~100 ms of CPU on V8's background thread (`--trace-opt`: 64 compiles). Reading on the
 * source thread instead (sources/source-worker.ts) was built and measured: no faster on
 * 2 vCPUs, since the two threads share about 1.5 cores and the warm-up moves with the reader.
 * Text it cannot read (an escape in a name, an unterminated literal) throws `Unreadable`: the
 * reader then says nothing about that handler.
 */

export const enum Token {
  End,
  Name,
  PrivateName,
  Number,
  String,
  /** A template without substitutions: `` `…` ``. */
  Template,
  /** `` `…${ `` */
  TemplateHead,
  /** `` }…${ `` */
  TemplateMiddle,
  /** `` }…` `` */
  TemplateTail,
  Regex,
  Punct,
}

/**
 * Thrown for text the scanner or parser cannot read: the caller gives up on that function.
 * One instance, without a stack: building an Error's stack for each cost more than reading.
 */
export class Unreadable {
  static readonly thrown = new Unreadable();
  private constructor() {}
}

export function unreadable(): never {
  throw Unreadable.thrown;
}

export interface ScannerState {
  pos: number;
  token: Token;
  start: number;
  end: number;
  punct: string;
  newlineBefore: boolean;
}

export class Scanner {
  /** The current token, its kind, [start, end) and, for a punctuator, its text. */
  token: Token = Token.End;
  start = 0;
  end = 0;
  punct = '';
  /** Whether a line break comes between the previous token and this one (ASI, `=>`, postfix `++`). */
  newlineBefore = false;
  private pos: number;

  constructor(
    readonly text: string,
    from: number,
    private readonly limit: number,
  ) {
    this.pos = from;
  }

  /** The current token's text. */
  value(): string {
    return this.text.slice(this.start, this.end);
  }

  is(punct: string): boolean {
    return this.token === Token.Punct && this.punct === punct;
  }

  isName(name: string): boolean {
    return this.token === Token.Name && this.end - this.start === name.length && this.text.startsWith(name, this.start);
  }

  save(): ScannerState {
    return { pos: this.pos, token: this.token, start: this.start, end: this.end, punct: this.punct, newlineBefore: this.newlineBefore };
  }

  restore(state: ScannerState): void {
    this.pos = state.pos;
    this.token = state.token;
    this.start = state.start;
    this.end = state.end;
    this.punct = state.punct;
    this.newlineBefore = state.newlineBefore;
  }

  /**
   * Whether the text right after the current token (past spaces and tabs only) starts with
   * `chars`: a cheap look ahead for `=>` after a name and `:` after a label.
   */
  followedBy(chars: string): boolean {
    let at = this.end;
    for (;;) {
      const c = this.text.charCodeAt(at);
      if (c !== 0x20 && c !== 0x09) break;
      at += 1;
    }
    return at + chars.length <= this.limit && this.text.startsWith(chars, at);
  }

  /** Whether the next token (after the current one) is this punctuator, with no line break before it. */
  peekIs(punct: string, sameLine = false): boolean {
    const state = this.save();
    this.next();
    const found = this.is(punct) && !(sameLine && this.newlineBefore);
    this.restore(state);
    return found;
  }

  next(): void {
    const { text } = this;
    this.newlineBefore = false;
    let pos = this.pos;
    for (;;) {
      if (pos >= this.limit) {
        this.token = Token.End;
        this.start = this.end = this.pos = this.limit;
        return;
      }
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) {
        pos += 1;
      } else if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
        this.newlineBefore = true;
        pos += 1;
      } else if (c === 0x2f /* / */ && text.charCodeAt(pos + 1) === 0x2f) {
        while (pos < this.limit && !isLineBreak(text.charCodeAt(pos))) pos += 1;
      } else if (c === 0x2f && text.charCodeAt(pos + 1) === 0x2a /* * */) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0 || close + 2 > this.limit) unreadable();
        for (let i = pos + 2; i < close; i += 1) if (isLineBreak(text.charCodeAt(i))) this.newlineBefore = true;
        pos = close + 2;
      } else if (c >= 0x80 && isUnicodeSpace(c)) {
        pos += 1;
      } else {
        break;
      }
    }
    this.start = pos;
    const c = text.charCodeAt(pos);
    if (isNameStart(c)) {
      pos += 1;
      while (pos < this.limit && isNamePart(text.charCodeAt(pos))) pos += 1;
      if (text.charCodeAt(pos) === 0x5c) unreadable();
      this.token = Token.Name;
    } else if (isDigit(c) || (c === 0x2e && isDigit(text.charCodeAt(pos + 1)))) {
      pos = this.scanNumber(pos);
      this.token = Token.Number;
    } else if (c === 0x22 || c === 0x27) {
      pos = this.scanString(pos, c);
      this.token = Token.String;
    } else if (c === 0x60 /* ` */) {
      pos = this.scanTemplate(pos + 1, Token.Template, Token.TemplateHead);
    } else if (c === 0x23 /* # */) {
      pos += 1;
      while (pos < this.limit && isNamePart(text.charCodeAt(pos))) pos += 1;
      this.token = Token.PrivateName;
    } else if (c === 0x5c) {
      unreadable();
    } else {
      this.punct = punctuatorAt(text, pos);
      if (this.punct === '') unreadable();
      pos += this.punct.length;
      this.token = Token.Punct;
    }
    this.end = this.pos = pos;
  }

  /** The current `/` or `/=` is a regular expression's start: scan the whole literal. */
  rescanRegex(): void {
    const { text } = this;
    let pos = this.start + 1;
    let inClass = false;
    for (;;) {
      if (pos >= this.limit) unreadable();
      const c = text.charCodeAt(pos);
      if (isLineBreak(c)) unreadable();
      pos += 1;
      if (c === 0x5c) pos += 1;
      else if (c === 0x5b) inClass = true;
      else if (c === 0x5d) inClass = false;
      else if (c === 0x2f && !inClass) break;
    }
    while (pos < this.limit && isNamePart(text.charCodeAt(pos))) pos += 1;
    this.token = Token.Regex;
    this.end = this.pos = pos;
  }

  /** The current `}` ends a template's `${…}`: scan on to the next `${` or the closing backtick. */
  rescanTemplateContinuation(): void {
    this.end = this.pos = this.scanTemplate(this.start + 1, Token.TemplateTail, Token.TemplateMiddle);
  }

  private scanTemplate(from: number, ending: Token, continuing: Token): number {
    const { text } = this;
    let pos = from;
    for (;;) {
      if (pos >= this.limit) unreadable();
      const c = text.charCodeAt(pos);
      if (c === 0x5c) {
        pos += 2;
      } else if (c === 0x60) {
        this.token = ending;
        return pos + 1;
      } else if (c === 0x24 /* $ */ && text.charCodeAt(pos + 1) === 0x7b) {
        this.token = continuing;
        return pos + 2;
      } else {
        pos += 1;
      }
    }
  }

  private scanString(from: number, quote: number): number {
    const { text } = this;
    let pos = from + 1;
    for (;;) {
      if (pos >= this.limit) unreadable();
      const c = text.charCodeAt(pos);
      if (c === quote) return pos + 1;
      if (c === 0x5c) pos += 2;
      else if (c === 0x0a || c === 0x0d) unreadable();
      else pos += 1;
    }
  }

  private scanNumber(from: number): number {
    const { text } = this;
    let pos = from;
    let dot = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (isNamePart(c)) {
        // An exponent's sign: `1e-7`.
        if ((c === 0x65 || c === 0x45) && (text.charCodeAt(pos + 1) === 0x2b || text.charCodeAt(pos + 1) === 0x2d) && !isHexNumber(text, from)) pos += 1;
        pos += 1;
      } else if (c === 0x2e && !dot && !isHexNumber(text, from)) {
        dot = true;
        pos += 1;
      } else {
        return pos;
      }
    }
  }

  /** The value of the current string token, when it has no escapes; null when it has. */
  stringValue(): string | null {
    const inner = this.text.slice(this.start + 1, this.end - 1);
    return inner.includes('\\') ? null : inner;
  }
}

function isHexNumber(text: string, from: number): boolean {
  const x = text.charCodeAt(from + 1);
  return text.charCodeAt(from) === 0x30 && (x === 0x78 || x === 0x58 || x === 0x62 || x === 0x42 || x === 0x6f || x === 0x4f);
}

/** The longest punctuator at `pos`, or '' when there is none. */
function punctuatorAt(text: string, pos: number): string {
  const c = text.charCodeAt(pos);
  const c1 = text.charCodeAt(pos + 1);
  const c2 = text.charCodeAt(pos + 2);
  switch (c) {
    case 0x7b: return '{';
    case 0x7d: return '}';
    case 0x28: return '(';
    case 0x29: return ')';
    case 0x5b: return '[';
    case 0x5d: return ']';
    case 0x3b: return ';';
    case 0x2c: return ',';
    case 0x3a: return ':';
    case 0x7e: return '~';
    case 0x40: return '@';
    case 0x2e: return c1 === 0x2e && c2 === 0x2e ? '...' : '.';
    case 0x3f /* ? */:
      if (c1 === 0x3f) return c2 === 0x3d ? '??=' : '??';
      // `a?.5:b` is a conditional, not an optional chain.
      return c1 === 0x2e && !isDigit(c2) ? '?.' : '?';
    case 0x3d /* = */:
      if (c1 === 0x3d) return c2 === 0x3d ? '===' : '==';
      return c1 === 0x3e ? '=>' : '=';
    case 0x21 /* ! */:
      if (c1 === 0x3d) return c2 === 0x3d ? '!==' : '!=';
      return '!';
    case 0x2b /* + */:
      return c1 === 0x2b ? '++' : c1 === 0x3d ? '+=' : '+';
    case 0x2d /* - */:
      return c1 === 0x2d ? '--' : c1 === 0x3d ? '-=' : '-';
    case 0x2a /* * */:
      if (c1 === 0x2a) return c2 === 0x3d ? '**=' : '**';
      return c1 === 0x3d ? '*=' : '*';
    case 0x2f /* / */:
      return c1 === 0x3d ? '/=' : '/';
    case 0x25 /* % */:
      return c1 === 0x3d ? '%=' : '%';
    case 0x26 /* & */:
      if (c1 === 0x26) return c2 === 0x3d ? '&&=' : '&&';
      return c1 === 0x3d ? '&=' : '&';
    case 0x7c /* | */:
      if (c1 === 0x7c) return c2 === 0x3d ? '||=' : '||';
      return c1 === 0x3d ? '|=' : '|';
    case 0x5e /* ^ */:
      return c1 === 0x3d ? '^=' : '^';
    case 0x3c /* < */:
      if (c1 === 0x3c) return c2 === 0x3d ? '<<=' : '<<';
      return c1 === 0x3d ? '<=' : '<';
    case 0x3e /* > */:
      if (c1 === 0x3e) {
        if (c2 === 0x3e) return text.charCodeAt(pos + 3) === 0x3d ? '>>>=' : '>>>';
        return c2 === 0x3d ? '>>=' : '>>';
      }
      return c1 === 0x3d ? '>=' : '>';
    default:
      return '';
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x24 || c === 0x5f || (c >= 0x80 && !isUnicodeSpace(c) && !isLineBreak(c));
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** The Unicode white space ECMAScript allows between tokens (Zs, BOM). */
function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}
