import type { EventRead } from '../module-facts';
import { lineStartsOf } from '../../base/line-starts';
import { endsExpression, ExpressionReader } from './expression-reader';
import { Token, Unreadable, unreadable } from './js-scanner';
import { ELEMENT } from './event-value';
import type { OffsetRead } from './read-log';
import { patternNames, Scope } from './scope';

export type { OffsetRead } from './read-log';

/**
 * What a handler reads of its `event` (its first parameter, whatever its name, or the pattern
 * that destructures it), from syntax alone: member chains (`?.` too), string-literal indexes,
 * destructuring (nested, renamed, defaults; in declarations and parameters), aliases (`const`,
 * or `let`/`var` never assigned again) of a part of it, `||` / `??` chains and conditionals,
 * array elements (`[0]`, `for … of`, the callback of `forEach`/`map`/…), and functions inside
 * the handler that see the same binding.
 *
 * Where a reading of the code cannot tell what a value is, the analysis stops and says
 * nothing: the event passed to another function, a variable assigned again, spread, a value a
 * call returns, a computed key. A field the handler writes (`event.x = …`,
 * `Object.assign(order, …)`) is never reported as read. Precision first: a read this returns
 * is certainly a read of the event. A function whose text it cannot read gives no reads.
 *
 * `text` is the module's; the function's text starts at `start` (its parameter list, or the
 * `async` before an arrow's) and ends at `end`. Positions are offsets in `text`; `locateReads`
 * makes them lines and columns.
 */
export function readsOfFunction(text: string, start: number, end: number): OffsetRead[] {
  try {
    return new EventReader(text, start, end).readHandler();
  } catch (error) {
    // Text it cannot read, or nesting deeper than its stack: nothing is said about it.
    if (error instanceof Unreadable || error instanceof RangeError) return [];
    throw error;
  }
}

/**
 * `readsOfFunction` with lines and columns, for a text that was not parsed here (a module's
 * facts from the cache name a function's range; sources/late-event-reads.ts reads it then).
 */
export function locatedReadsOfFunction(text: string, start: number, end: number): EventRead[] {
  const reads = readsOfFunction(text, start, end);
  if (reads.length === 0) return [];
  const starts = lineStartsOf(text);
  return locateReads(reads, (offset) => {
    // The last line start at or before the offset.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return [low + 1, offset - starts[low]! + 1];
  });
}

/** The reads with each key's offset turned into line and column. */
export function locateReads(reads: readonly OffsetRead[], locate: (offset: number) => [number, number]): EventRead[] {
  return reads.map(({ keys, offsets, rescuers }) => {
    const at: number[] = [];
    for (const offset of offsets) {
      const [line, column] = locate(offset);
      at.push(line, column);
    }
    return rescuers === undefined ? { keys, at } : { keys, at, rescuers };
  });
}

/** Thrown when the rest of a function cannot touch the event (`stopWhenNothingAhead`). */
class Finished {
  static readonly reading = new Finished();
  private constructor() {}
}

/**
 * A handler read from its parameters to its end: its statements here, the expressions
 * (expression-reader.ts), what is recorded (read-log.ts).
 */
class EventReader extends ExpressionReader {
  readHandler(): OffsetRead[] {
    const s = this.scanner;
    const scope = new Scope(null, true);
    if (s.isName('async') && !s.peekIs('=>')) s.next();
    const params = this.parseParameters(scope);
    const arrow = s.is('=>');
    if (arrow) s.next();
    const first = params[0];
    if (first === undefined || first.rest) return [];
    if (first.pattern.kind === 'name' && onlyPassedOn(s.text, first.pattern.name, s.start, this.end)) return [];
    const rootNames = patternNames(first.pattern);
    for (const name of rootNames) this.track(name);
    this.bind(first.pattern, [{ path: [], read: null, via: [] }], scope, scope);
    try {
      if (arrow && !s.is('{')) {
        // No statements of its own: every function in it is nested.
        this.functionDepth = 1;
        this.use(this.parseAssignment(scope));
      } else {
        this.parseFunctionBody(scope);
      }
      if (!this.finished && s.token !== Token.End) unreadable();
    } catch (error) {
      if (error !== Finished.reading) throw error;
    }
    // `event = …` anywhere, or `var event` again: what it holds later is not the event.
    for (const name of rootNames) if (this.isReassigned(name) || this.varCounts?.has(name)) return [];
    return this.finish();
  }

  /**
   * Set when the reading ends among the handler's own statements (stopWhenNothingAhead): the
   * statement parsers then return at once, leaving the rest unread. Returning is what makes
   * the common end cheap: a JavaScript throw, `Finished`, costs V8 a message and the location
   * of its source (~3 µs cold); 5,000 of the benchmark's 9,000 handlers end early.
   */
  private finished = false;
  /** 1 in the handler's own body, more in a function inside it (where only a throw gets out). */
  private functionDepth = 0;

  protected override parseFunctionBody(scope: Scope): void {
    const s = this.scanner;
    this.expect('{');
    this.functionDepth += 1;
    while (!s.is('}')) {
      this.parseStatement(scope);
      if (this.finished || this.stopWhenNothingAhead()) return;
    }
    this.functionDepth -= 1;
    s.next();
  }

  /**
   * Ends the reading (`Finished`) when no name bound to the event is written anywhere in the
   * rest of the function: nothing there can read, alias or assign it. Most handlers read
   * their event first and then work with what they took; the rest of them is not parsed.
   * Among the handler's own statements it sets `finished` instead and says true.
   */
  private stopWhenNothingAhead(): boolean {
    const from = this.scanner.start;
    if (this.nextTracked >= from) return false;
    const { text } = this.scanner;
    let next = Infinity;
    for (let index = 0; index < this.trackedNames.length; index += 1) {
      let at = this.trackedNext[index]!;
      if (at < from) {
        // indexOf cannot stop at the function's end: a name not written again would be
        // searched for to the module's end after each statement, were it not remembered.
        at = text.indexOf(this.trackedNames[index]!, from);
        if (at === -1 || at >= this.end) at = Infinity;
        this.trackedNext[index] = at;
      }
      if (at < next) next = at;
    }
    if (next === Infinity) {
      if (this.functionDepth > 1) throw Finished.reading;
      this.finished = true;
      return true;
    }
    this.nextTracked = next;
    return false;
  }

  private parseBlock(outer: Scope): void {
    const scope = new Scope(outer, false);
    this.expect('{');
    while (!this.scanner.is('}')) {
      this.parseStatement(scope);
      if (this.finished || this.stopWhenNothingAhead()) return;
    }
    this.scanner.next();
  }

  private parseStatement(scope: Scope): void {
    const s = this.scanner;
    if (s.token === Token.Punct) {
      if (s.punct === '{') return this.parseBlock(scope);
      if (s.punct === ';') return s.next();
    }
    if (s.token === Token.Name) {
      switch (s.value()) {
        case 'var':
        case 'let':
        case 'const':
          this.parseDeclarations(scope);
          this.semicolon();
          return;
        case 'if':
          s.next();
          this.parseParenthesized(scope);
          // A block makes its own scope; nothing else there can declare a name.
          this.parseStatement(scope);
          if (this.finished) return;
          if (s.isName('else')) {
            s.next();
            this.parseStatement(scope);
          }
          return;
        case 'for':
          return this.parseFor(scope);
        case 'while':
          s.next();
          this.parseParenthesized(scope);
          this.parseStatement(scope);
          return;
        case 'do':
          s.next();
          this.parseStatement(scope);
          if (this.finished) return;
          if (!s.isName('while')) unreadable();
          s.next();
          this.parseParenthesized(scope);
          if (s.is(';')) s.next();
          return;
        case 'return':
        case 'throw':
          s.next();
          if (!endsExpression(s) && !s.newlineBefore) this.use(this.parseExpression(scope));
          this.semicolon();
          return;
        case 'break':
        case 'continue':
          s.next();
          if (s.token === Token.Name && !s.newlineBefore) s.next();
          this.semicolon();
          return;
        case 'debugger':
          s.next();
          this.semicolon();
          return;
        case 'switch':
          return this.parseSwitch(scope);
        case 'try':
          return this.parseTry(scope);
        case 'function':
          return this.parseFunctionDeclaration(scope);
        case 'class':
          this.parseClass(scope, true);
          return;
        case 'with':
        case 'import':
        case 'export':
          unreadable();
        case 'async':
          if (s.peekIs('function')) {
            const state = s.save();
            s.next();
            if (!s.newlineBefore) return this.parseFunctionDeclaration(scope);
            s.restore(state);
          }
          break;
        default:
          // A label.
          if (s.followedBy(':')) {
            s.next();
            s.next();
            return this.parseStatement(scope);
          }
      }
    }
    this.use(this.parseExpression(scope));
    this.semicolon();
  }

  private parseFunctionDeclaration(scope: Scope): void {
    const s = this.scanner;
    s.next(); // function
    if (s.is('*')) s.next();
    if (s.token !== Token.Name) unreadable();
    scope.set(s.value(), null);
    s.next();
    this.parseFunctionRest(scope, null);
  }

  /** `var`/`let`/`const` and their declarators, each bound to its value. */
  private parseDeclarations(scope: Scope, noIn = false): void {
    const s = this.scanner;
    const isVar = s.isName('var');
    s.next();
    const target = isVar ? scope.functionScope() : scope;
    for (;;) {
      const pattern = this.parseBindingTarget(scope);
      if (isVar) this.countVar(pattern);
      if (s.is('=')) {
        s.next();
        this.bind(pattern, this.use(this.parseAssignment(scope, noIn)), scope, target);
      } else {
        this.shadow(pattern, target);
      }
      if (!s.is(',')) return;
      s.next();
    }
  }


  private parseFor(scope: Scope): void {
    const s = this.scanner;
    s.next(); // for
    if (s.isName('await')) s.next();
    this.expect('(');
    const loop = new Scope(scope, false);
    let iterating = false;
    if (s.isName('var') || s.isName('let') || s.isName('const')) {
      // `for (const x of …)`: one target, bound to each element; else a classic head.
      const state = s.save();
      const isVar = s.isName('var');
      s.next();
      const pattern = this.parseBindingTarget(loop);
      if (s.isName('of') || s.isName('in')) {
        const of = s.isName('of');
        s.next();
        const pos = s.start;
        const iterated = this.use(of ? this.parseAssignment(scope) : this.parseExpression(scope));
        if (isVar) this.countVar(pattern);
        this.bind(pattern, of ? this.step(iterated, ELEMENT, pos, false) : null, loop, isVar ? loop.functionScope() : loop);
        iterating = true;
      } else {
        s.restore(state);
        this.parseDeclarations(loop, true);
      }
    } else if (!s.is(';')) {
      const init = this.parseExpression(loop, true);
      if (s.isName('of') || s.isName('in')) {
        this.writeTarget(init, false);
        s.next();
        this.use(this.parseExpression(scope));
        iterating = true;
      } else {
        this.use(init);
      }
    }
    if (!iterating) {
      this.expect(';');
      if (!s.is(';')) this.use(this.parseExpression(loop));
      this.expect(';');
      if (!s.is(')')) this.use(this.parseExpression(loop));
    }
    this.expect(')');
    this.parseStatement(loop);
  }

  private parseSwitch(scope: Scope): void {
    const s = this.scanner;
    s.next();
    this.parseParenthesized(scope);
    this.expect('{');
    const cases = new Scope(scope, false);
    while (!s.is('}')) {
      if (s.isName('case')) {
        s.next();
        this.use(this.parseExpression(cases));
        this.expect(':');
      } else if (s.isName('default')) {
        s.next();
        this.expect(':');
      } else {
        this.parseStatement(cases);
        if (this.finished) return;
      }
    }
    s.next();
  }

  private parseTry(scope: Scope): void {
    const s = this.scanner;
    s.next();
    this.parseBlock(scope);
    if (this.finished) return;
    if (s.isName('catch')) {
      s.next();
      const caught = new Scope(scope, false);
      if (s.is('(')) {
        s.next();
        this.shadow(this.parseBindingTarget(caught), caught);
        this.expect(')');
      }
      this.parseBlock(caught);
      if (this.finished) return;
    }
    if (s.isName('finally')) {
      s.next();
      this.parseBlock(scope);
    }
  }

  private parseParenthesized(scope: Scope): void {
    this.expect('(');
    this.use(this.parseExpression(scope));
    this.expect(')');
  }


}

/**
 * Whether, in `text` from `from` to `to`, the name only ever stands as a whole argument
 * (`save(event)`, `log('x', event, 2)`), or not at all: then nothing of it is read, and the
 * body need not be parsed (many handlers only hand their event on). Read from the text
 * alone, so it may say no where the answer is yes (a name in a string, say): that costs
 * only the parse.
 */
function onlyPassedOn(text: string, name: string, from: number, to: number): boolean {
  for (let at = text.indexOf(name, from); at !== -1 && at < to; at = text.indexOf(name, at + name.length)) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + name.length);
    // Part of a longer name (`eventTime`), or a property (`x.event`, and `...event`, a spread).
    if (isNameCode(before) || isNameCode(after) || before === 0x2e) continue;
    const previous = text.charCodeAt(skipSpaces(text, at - 1, -1));
    const next = text.charCodeAt(skipSpaces(text, at + name.length, 1));
    if ((previous === 0x28 || previous === 0x2c) && (next === 0x29 || next === 0x2c)) continue;
    return false;
  }
  return true;
}

function skipSpaces(text: string, from: number, step: 1 | -1): number {
  let at = from;
  for (;;) {
    const c = text.charCodeAt(at);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return at;
    at += step;
  }
}

function isNameCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x24 || c === 0x5f || c >= 0x80;
}
