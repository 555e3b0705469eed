import { Scanner, Token, Unreadable, unreadable, type ScannerState } from './js-scanner';
import { COMPUTED, ELEMENT, guarded, guardsOf, NO_VALUE, rescueEachOther, samePath, union, type Ref, type Value } from './event-value';
import { ReadLog } from './read-log';
import { Scope, type Pattern, type PatternProperty } from './scope';

/** Array methods whose callback receives each element, and which of its parameters does. */
const ELEMENT_CALLBACKS: ReadonlyMap<string, number> = new Map([
  ['every', 0],
  ['filter', 0],
  ['find', 0],
  ['findIndex', 0],
  ['findLast', 0],
  ['findLastIndex', 0],
  ['flatMap', 0],
  ['forEach', 0],
  ['map', 0],
  ['some', 0],
  ['reduce', 1],
  ['reduceRight', 1],
]);

const ASSIGNMENT = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);

/** Binary operators → precedence (higher binds tighter). */
const BINARY: ReadonlyMap<string, number> = new Map([
  ['??', 1],
  ['||', 2],
  ['&&', 3],
  ['|', 4],
  ['^', 5],
  ['&', 6],
  ['==', 7],
  ['!=', 7],
  ['===', 7],
  ['!==', 7],
  ['<', 8],
  ['>', 8],
  ['<=', 8],
  ['>=', 8],
  ['<<', 9],
  ['>>', 9],
  ['>>>', 9],
  ['+', 10],
  ['-', 10],
  ['*', 11],
  ['/', 11],
  ['%', 11],
  ['**', 12],
]);

const UNARY_WORDS = new Set(['typeof', 'void', 'delete', 'await']);

/**
 * The expressions, functions, patterns and classes of a handler's body, read for what they
 * do with the event (read-log.ts records it); reads-of-function.ts adds the statements.
 */
export abstract class ExpressionReader extends ReadLog {
  protected readonly scanner: Scanner;

  constructor(
    text: string,
    start: number,
    protected readonly end: number,
  ) {
    super();
    this.scanner = new Scanner(text, start, end);
    this.scanner.next();
  }

  /** `{ statements }` of a function, in its scope. */
  protected abstract parseFunctionBody(scope: Scope): void;

  protected parseExpression(scope: Scope, noIn = false): Ref {
    let ref = this.parseAssignment(scope, noIn);
    while (this.scanner.is(',')) {
      this.use(ref);
      this.scanner.next();
      ref = this.parseAssignment(scope, noIn);
    }
    return ref;
  }

  protected parseAssignment(scope: Scope, noIn = false): Ref {
    const s = this.scanner;
    // A function or arrow starts with a name (`async`, `function`, the parameter) or `(`.
    if (s.token === Token.Name) {
      const c = s.text.charCodeAt(s.start);
      if ((c === 0x61 || c === 0x66 || s.followedBy('=>')) && this.tryFunction(scope, null) !== undefined) return NO_VALUE;
      if (c === 0x79 && s.isName('yield')) {
        s.next();
        if (s.is('*')) s.next();
        if (!s.newlineBefore && !endsExpression(s)) this.use(this.parseAssignment(scope, noIn));
        return NO_VALUE;
      }
    } else if (s.token === Token.Punct && s.punct === '(' && this.tryFunction(scope, null) !== undefined) {
      return NO_VALUE;
    }
    const ref = this.parseBinary(scope, 0, noIn);
    if (s.token !== Token.Punct) return ref;
    if (s.punct === '?') return this.parseConditional(scope, ref, noIn);
    if (ASSIGNMENT.has(s.punct)) {
      const operator = s.punct;
      s.next();
      this.writeTarget(ref, operator !== '=');
      return { value: this.use(this.parseAssignment(scope, noIn)), member: null, name: null, targets: null };
    }
    return ref;
  }

  /** `test ? a : b` after its test. */
  protected parseConditional(scope: Scope, test: Ref, noIn: boolean): Ref {
    const s = this.scanner;
    const condition = this.use(test);
    s.next();
    const whenTrue = this.use(this.parseAssignment(scope));
    this.expect(':');
    const whenFalse = this.use(this.parseAssignment(scope, noIn));
    const branches = union(whenTrue, whenFalse);
    rescueEachOther(branches);
    // `event.entity ? event.entity._id : event.data.order._id`: a test whose branches read the
    // event is one way of writing `||`; a branch's documented read makes the test good.
    const tests = guardsOf(condition);
    if (branches !== null) for (const tested of tests) for (const branch of branches) if (!samePath(branch.path, tested.path)) tested.rescuers.push(branch.path);
    return { value: guarded(branches, tests), member: null, name: null, targets: null };
  }

  protected parseBinary(scope: Scope, minimum: number, noIn: boolean): Ref {
    const s = this.scanner;
    let left = this.parseOperand(scope);
    for (;;) {
      let precedence: number | undefined;
      let operator: string;
      if (s.token === Token.Punct) {
        operator = s.punct;
        precedence = BINARY.get(operator);
      } else if (s.token === Token.Name && (s.isName('instanceof') || (!noIn && s.isName('in')))) {
        operator = 'in';
        precedence = 8;
      } else {
        return left;
      }
      if (precedence === undefined || precedence <= minimum) return left;
      s.next();
      // `**` is right-associative.
      const right = this.parseBinary(scope, operator === '**' ? precedence - 1 : precedence, noIn);
      if (operator === '||' || operator === '??') {
        const either = union(this.use(left), this.use(right));
        rescueEachOther(either);
        left = { value: either, member: null, name: null, targets: null };
      } else if (operator === '&&') {
        // `event.entity && event.entity._id`: the test is rescued with what it guards.
        const tests = guardsOf(this.use(left));
        left = { value: guarded(this.use(right), tests), member: null, name: null, targets: null };
      } else {
        this.use(left);
        this.use(right);
        left = NO_VALUE;
      }
    }
  }

  /** A unary expression: prefix operators, an operand and its member chain, a postfix `++`/`--`. */
  protected parseOperand(scope: Scope): Ref {
    const s = this.scanner;
    let ref: Ref;
    if (s.token === Token.Name) {
      const c = s.text.charCodeAt(s.start);
      if (mayBeKeyword(c)) {
        const word = s.value();
        if (UNARY_WORDS.has(word) && !this.isNameUsedAsValue()) return this.parseUnaryWord(scope, word);
        ref = this.parseKeywordOperand(scope, word);
      } else {
        const name = s.value();
        s.next();
        ref = { value: this.valueOfName(scope, name), member: null, name, targets: null };
      }
    } else if (s.token === Token.Punct) {
      const p = s.punct;
      if (p === '!' || p === '~' || p === '+' || p === '-') {
        s.next();
        this.use(this.parseOperand(scope));
        return NO_VALUE;
      }
      if (p === '++' || p === '--') {
        s.next();
        this.writeTarget(this.parseOperand(scope), true);
        return NO_VALUE;
      }
      ref = this.parsePunctOperand(scope);
    } else if (s.token === Token.Template || s.token === Token.TemplateHead) {
      this.parseTemplate(scope);
      ref = NO_VALUE;
    } else if (s.token === Token.End) {
      unreadable();
    } else {
      // A number, string, regular expression or `#field` (of `#field in object`).
      s.next();
      ref = NO_VALUE;
    }
    ref = this.parseMemberChain(scope, ref, true);
    if (s.token === Token.Punct && (s.punct === '++' || s.punct === '--') && !s.newlineBefore) {
      s.next();
      this.writeTarget(ref, true);
      return NO_VALUE;
    }
    return ref;
  }

  protected parseUnaryWord(scope: Scope, word: string): Ref {
    this.scanner.next();
    const operand = this.parseOperand(scope);
    if (word === 'delete') {
      this.writeTarget(operand, false);
      return NO_VALUE;
    }
    // `await x` is `x` (an event is no promise).
    if (word === 'await') return { value: this.use(operand), member: null, name: null, targets: null };
    this.use(operand);
    return NO_VALUE;
  }

  /** A name that may be a keyword starting an operand (`this`, `new`, `function`, `class`, …). */
  protected parseKeywordOperand(scope: Scope, word: string): Ref {
    const s = this.scanner;
    switch (word) {
      case 'this':
      case 'null':
      case 'true':
      case 'false':
      case 'super':
      case 'import':
        // `import(…)`, `import.meta`: what follows is a call or a member of no value.
        s.next();
        return NO_VALUE;
      case 'class':
        this.parseClass(scope, false);
        return NO_VALUE;
      case 'function':
      case 'async':
        if (this.tryFunction(scope, null) !== undefined) return NO_VALUE;
        break;
      case 'new':
        s.next();
        if (s.is('.')) {
          s.next(); // new.target
          s.next();
          return NO_VALUE;
        }
        // The constructor: a member chain without calls, then its arguments.
        this.use(this.parseMemberChain(scope, this.parseNewCallee(scope), false));
        if (s.is('(')) this.parseArguments(scope, null);
        return NO_VALUE;
      default:
        break;
    }
    s.next();
    return { value: this.valueOfName(scope, word), member: null, name: word, targets: null };
  }

  /** What follows `new`: a name, `new` again, or any other operand. */
  protected parseNewCallee(scope: Scope): Ref {
    const s = this.scanner;
    if (s.token === Token.Name) {
      const word = s.value();
      if (word === 'new' || word === 'function' || word === 'class' || word === 'this' || word === 'super' || word === 'import') {
        return this.parseKeywordOperand(scope, word);
      }
      s.next();
      return { value: this.valueOfName(scope, word), member: null, name: word, targets: null };
    }
    if (s.token === Token.Punct) return this.parsePunctOperand(scope);
    s.next();
    return NO_VALUE;
  }

  /** `typeof`/`await`/… followed by what cannot start an operand is a name. */
  protected isNameUsedAsValue(): boolean {
    const s = this.scanner;
    const state = s.save();
    s.next();
    const ends = endsExpression(s) || (s.token === Token.Punct && (s.punct === '=' || s.punct === '.' || s.punct === '?.'));
    s.restore(state);
    return ends;
  }

  protected parseMemberChain(scope: Scope, start: Ref, calls: boolean): Ref {
    const s = this.scanner;
    let ref = start;
    while (s.token === Token.Punct || s.token === Token.Template || s.token === Token.TemplateHead) {
      if (s.token !== Token.Punct) {
        // A tagged template.
        this.use(ref);
        this.parseTemplate(scope);
        ref = NO_VALUE;
        continue;
      }
      const p = s.punct;
      if (p === '.' || p === '?.') {
        s.next();
        const after = s.token as Token;
        if (after === Token.Name) {
          const base = this.peek(ref);
          // Only a key of the event outlives the reading: one of anything else needs no copy.
          const key = base === null ? s.value() : this.key(s.value());
          ref = { value: null, member: { base, key, pos: s.start, baseName: ref.name }, name: null, targets: null };
          s.next();
        } else if (p === '?.' && s.is('[')) {
          ref = this.parseIndex(scope, ref);
        } else if (p === '?.' && s.is('(')) {
          if (!calls) return ref;
          ref = this.parseCall(scope, ref);
        } else if (after === Token.PrivateName) {
          this.use(ref);
          ref = NO_VALUE;
          s.next();
        } else {
          unreadable();
        }
      } else if (p === '[') {
        ref = this.parseIndex(scope, ref);
      } else if (p === '(' && calls) {
        ref = this.parseCall(scope, ref);
      } else {
        return ref;
      }
    }
    return ref;
  }

  /** `x[…]`: a string literal is a key, a number an element, anything else a computed key. */
  protected parseIndex(scope: Scope, object: Ref): Ref {
    const s = this.scanner;
    const base = this.peek(object);
    s.next();
    const pos = s.start;
    let key: string;
    if ((s.token === Token.String || s.token === Token.Number || s.token === Token.Template) && s.peekIs(']')) {
      const literal = s.token === Token.String ? s.stringValue() : s.token === Token.Template ? templateValue(s) : null;
      key = s.token === Token.Number ? ELEMENT : literal === null ? COMPUTED : this.key(literal);
      s.next();
    } else {
      this.use(this.parseExpression(scope));
      key = COMPUTED;
    }
    this.expect(']');
    return { value: null, member: { base, key, pos, baseName: null }, name: null, targets: null };
  }

  protected parseCall(scope: Scope, callee: Ref): Ref {
    let given: { index: number; value: Value } | null = null;
    const member = callee.member;
    if (member !== null && ELEMENT_CALLBACKS.has(member.key) && member.base !== null) {
      // `x.items.map(cb)`: `cb` gets each element of `x.items`.
      given = { index: ELEMENT_CALLBACKS.get(member.key)!, value: this.step(member.base, ELEMENT, member.pos, false) };
    }
    // `Object.assign(order, { … })` gives `order` fields no document lists.
    const assigns = member !== null && member.key === 'assign' && member.baseName === 'Object' && callee.member?.base === null;
    this.use(callee);
    this.parseArguments(scope, given, assigns);
    return NO_VALUE;
  }

  protected parseArguments(scope: Scope, given: { index: number; value: Value } | null, assigns = false): void {
    const s = this.scanner;
    this.expect('(');
    let index = 0;
    while (!s.is(')')) {
      if (s.is('...')) {
        s.next();
        this.use(this.parseAssignment(scope));
      } else if (index === 0 && given !== null && this.tryFunction(scope, given) !== undefined) {
        // The callback, its parameter bound to the elements.
      } else {
        const value = this.use(this.parseAssignment(scope));
        if (assigns && index === 0) this.write(value, null);
      }
      index += 1;
      if (!s.is(')')) this.expect(',');
    }
    s.next();
  }

  /** An operand starting with a punctuator: `( … )`, `[ … ]`, `{ … }`, a regular expression. */
  protected parsePunctOperand(scope: Scope): Ref {
    const s = this.scanner;
    const p = s.punct;
    if (p === '(') {
      s.next();
      const inner = this.parseExpression(scope);
      this.expect(')');
      // Kept as it is: `(event.entity || event.data).id` and `(a.b) = 1` both work on it.
      return inner;
    }
    if (p === '[') return this.parseArrayLiteral(scope);
    if (p === '{') return this.parseObjectLiteral(scope);
    if (p === '/' || p === '/=') {
      s.rescanRegex();
      s.next();
      return NO_VALUE;
    }
    unreadable();
  }

  protected parseArrayLiteral(scope: Scope): Ref {
    const s = this.scanner;
    const targets: string[] = [];
    s.next();
    while (!s.is(']')) {
      if (s.is(',')) {
        s.next();
        continue;
      }
      if (s.is('...')) s.next();
      const element = this.parseAssignment(scope);
      this.use(element);
      if (element.name !== null) targets.push(element.name);
      if (element.targets !== null) targets.push(...element.targets);
      if (!s.is(']')) this.expect(',');
    }
    s.next();
    return { value: null, member: null, name: null, targets };
  }

  protected parseObjectLiteral(scope: Scope): Ref {
    const s = this.scanner;
    const targets: string[] = [];
    s.next();
    while (!s.is('}')) {
      if (s.is('...')) {
        s.next();
        const spread = this.parseAssignment(scope);
        this.use(spread);
        if (spread.name !== null) targets.push(spread.name);
      } else {
        const key = this.parsePropertyKey(scope, true);
        if (s.is('(')) {
          this.parseFunctionRest(scope, null);
        } else if (s.is(':')) {
          s.next();
          const value = this.parseAssignment(scope);
          this.use(value);
          if (value.name !== null) targets.push(value.name);
          if (value.targets !== null) targets.push(...value.targets);
        } else if (key.shorthand !== null) {
          // `{ a }`, or `{ a = 1 }` in a destructuring target.
          targets.push(key.shorthand);
          if (s.is('=')) {
            s.next();
            this.use(this.parseAssignment(scope));
          }
        } else {
          unreadable();
        }
      }
      if (!s.is('}')) this.expect(',');
    }
    s.next();
    return { value: null, member: null, name: null, targets };
  }

  /**
   * A property name with what may come before it (`get`, `set`, `async`, `*`, `static`); the
   * current token is then `(` for a method. `shorthand` is the name when it may stand alone.
   */
  protected parsePropertyKey(scope: Scope, inObject: boolean): { shorthand: string | null } {
    const s = this.scanner;
    let modified = false;
    for (;;) {
      if (s.is('*')) {
        s.next();
        modified = true;
        continue;
      }
      if (s.token === Token.Name && (s.isName('get') || s.isName('set') || s.isName('async') || (!inObject && s.isName('static')))) {
        const state = s.save();
        s.next();
        // `get`, `async`, … is itself the key when what follows does not name one.
        if ((s.token as Token) === Token.Punct && (s.punct === '(' || s.punct === ':' || s.punct === ',' || s.punct === '}' || s.punct === '=' || s.punct === ';')) {
          s.restore(state);
          break;
        }
        if (!inObject && s.is('{')) {
          // `static { … }`
          s.restore(state);
          break;
        }
        modified = true;
        continue;
      }
      break;
    }
    if (s.is('[')) {
      s.next();
      this.use(this.parseAssignment(scope));
      this.expect(']');
      return { shorthand: null };
    }
    const name = s.token === Token.Name ? s.value() : null;
    if (s.token !== Token.Name && s.token !== Token.String && s.token !== Token.Number && s.token !== Token.PrivateName) {
      unreadable();
    }
    s.next();
    return { shorthand: modified ? null : name };
  }

  protected parseTemplate(scope: Scope): void {
    const s = this.scanner;
    if (s.token === Token.Template) {
      s.next();
      return;
    }
    // A head, then expressions each followed by a middle or the tail.
    for (;;) {
      s.next();
      this.use(this.parseExpression(scope));
      if (!s.is('}')) unreadable();
      s.rescanTemplateContinuation();
      if (s.token === Token.TemplateTail) {
        s.next();
        return;
      }
    }
  }

  /**
   * A function or arrow starting here, parsed (with `given` bound to one of its parameters):
   * true; undefined when none starts here (nothing consumed).
   */
  protected tryFunction(scope: Scope, given: { index: number; value: Value } | null): true | undefined {
    const s = this.scanner;
    if (s.token === Token.Name) {
      // Most expressions start with a name that is neither `async`, `function` nor an arrow's parameter.
      const c = s.text.charCodeAt(s.start);
      if (c !== 0x61 && c !== 0x66 && !s.followedBy('=>')) return undefined;
    } else if (!s.is('(')) {
      return undefined;
    }
    let state: ScannerState | null = null;
    if (s.isName('async')) {
      state = s.save();
      s.next();
      if (s.newlineBefore || (!s.isName('function') && !s.is('(') && s.token !== Token.Name)) {
        s.restore(state);
        return undefined;
      }
    }
    if (s.isName('function')) {
      s.next();
      if (s.is('*')) s.next();
      const inner = new Scope(scope, true);
      if (s.token === Token.Name) {
        inner.set(s.value(), null);
        s.next();
      }
      this.parseFunctionRest(inner, given, true);
      return true;
    }
    // An arrow: `x =>` or `(…) =>`.
    if (s.token === Token.Name) {
      if (!s.followedBy('=>') || isReserved(s.value())) {
        if (state) s.restore(state);
        return undefined;
      }
    } else if (!this.isArrowAhead()) {
      if (state) s.restore(state);
      return undefined;
    }
    const inner = new Scope(scope, true);
    const params = this.parseParameters(inner);
    this.expect('=>');
    this.bindParameters(params, inner, given);
    if (s.is('{')) {
      this.parseFunctionBody(inner);
    } else {
      this.use(this.parseAssignment(inner));
    }
    return true;
  }

  /**
   * Whether the `(` here opens an arrow's parameters: whether the token after its `)` is `=>`.
   * Counts brackets over tokens (a template's `${…}` included); a `/` in a default value is
   * taken for division, which a regular expression holding a bracket would mislead (then the
   * parse that follows fails, and the handler gets no reads).
   */
  protected isArrowAhead(): boolean {
    const s = this.scanner;
    const state = s.save();
    try {
      let depth = 0;
      const templates: number[] = [];
      for (;;) {
        if (s.token === Token.End) return false;
        if (s.token === Token.TemplateHead || s.token === Token.TemplateMiddle) {
          templates.push(depth);
          depth += 1;
        } else if (s.token === Token.Punct) {
          const p = s.punct;
          if (p === '(' || p === '[' || p === '{') {
            depth += 1;
          } else if (p === ')' || p === ']' || p === '}') {
            depth -= 1;
            if (p === '}' && templates.length > 0 && templates[templates.length - 1] === depth) {
              templates.pop();
              s.rescanTemplateContinuation();
              if ((s.token as Token) === Token.TemplateMiddle) {
                templates.push(depth);
                depth += 1;
              }
            } else if (depth === 0) {
              s.next();
              return s.is('=>') && !s.newlineBefore;
            }
          }
        }
        s.next();
      }
    } catch (error) {
      if (error instanceof Unreadable) return false;
      throw error;
    } finally {
      s.restore(state);
    }
  }

  /** `(params) { body }` of a function or method; `scope` is the function's own (fresh when `own`). */
  protected parseFunctionRest(scope: Scope, given: { index: number; value: Value } | null, own = false): void {
    const inner = own ? scope : new Scope(scope, true);
    const params = this.parseParameters(inner);
    this.bindParameters(params, inner, given);
    this.parseFunctionBody(inner);
  }

  protected bindParameters(params: { pattern: Pattern; rest: boolean }[], scope: Scope, given: { index: number; value: Value } | null): void {
    params.forEach(({ pattern, rest }, index) => {
      const value = given !== null && given.index === index && !rest ? given.value : null;
      this.bind(pattern, value, scope, null);
    });
  }

  /** `x` or `(a, { b } = {}, ...c)`: the patterns; defaults are read as expressions. Names are shadowed in `scope`. */
  protected parseParameters(scope: Scope): { pattern: Pattern; rest: boolean }[] {
    const s = this.scanner;
    if (s.token === Token.Name) {
      const pattern: Pattern = { kind: 'name', name: s.value() };
      s.next();
      this.shadow(pattern, scope);
      return [{ pattern, rest: false }];
    }
    this.expect('(');
    const params: { pattern: Pattern; rest: boolean }[] = [];
    while (!s.is(')')) {
      const rest = s.is('...');
      if (rest) s.next();
      const pattern = this.parseBindingElement(scope);
      this.shadow(pattern, scope);
      params.push({ pattern, rest });
      if (!s.is(')')) this.expect(',');
    }
    s.next();
    return params;
  }


  /** A binding target and, after it, any default (read as an expression in `scope`). */
  protected parseBindingElement(scope: Scope): Pattern {
    const pattern = this.parseBindingTarget(scope);
    if (this.scanner.is('=')) {
      this.scanner.next();
      this.use(this.parseAssignment(scope));
    }
    return pattern;
  }

  /** A name, `{ … }` or `[ … ]` pattern (defaults inside it are read in `scope`). */
  protected parseBindingTarget(scope: Scope): Pattern {
    const s = this.scanner;
    if (s.token === Token.Name) {
      if (isReserved(s.value())) unreadable();
      const pattern: Pattern = { kind: 'name', name: s.value() };
      s.next();
      return pattern;
    }
    if (s.is('{')) {
      s.next();
      const properties: PatternProperty[] = [];
      let rest: Pattern | null = null;
      while (!s.is('}')) {
        if (s.is('...')) {
          s.next();
          rest = this.parseBindingTarget(scope);
        } else {
          properties.push(this.parsePatternProperty(scope));
        }
        if (!s.is('}')) this.expect(',');
      }
      s.next();
      return { kind: 'object', properties, rest };
    }
    if (s.is('[')) {
      s.next();
      const elements: ({ target: Pattern; pos: number } | null)[] = [];
      let rest: Pattern | null = null;
      while (!s.is(']')) {
        if (s.is(',')) {
          elements.push(null);
          s.next();
          continue;
        }
        if (s.is('...')) {
          s.next();
          rest = this.parseBindingTarget(scope);
        } else {
          const pos = s.start;
          elements.push({ target: this.parseBindingElement(scope), pos });
        }
        if (!s.is(']')) this.expect(',');
      }
      s.next();
      return { kind: 'array', elements, rest };
    }
    unreadable();
  }

  /** `key: target`, `key` or `key = default` in an object pattern. */
  protected parsePatternProperty(scope: Scope): PatternProperty {
    const s = this.scanner;
    const pos = s.start;
    let key: string | null;
    let shorthand: string | null = null;
    if (s.is('[')) {
      s.next();
      if (s.token === Token.String && s.peekIs(']')) {
        const literal = s.stringValue();
        key = literal === null ? null : this.key(literal);
        s.next();
      } else {
        this.use(this.parseAssignment(scope));
        key = null;
      }
      this.expect(']');
    } else if (s.token === Token.Name) {
      key = this.key(s.value());
      shorthand = s.value();
      s.next();
    } else if (s.token === Token.String) {
      const literal = s.stringValue();
      key = literal === null ? null : this.key(literal);
      s.next();
    } else if (s.token === Token.Number) {
      key = null;
      s.next();
    } else {
      unreadable();
    }
    if (s.is(':')) {
      s.next();
      return { key, pos, target: this.parseBindingElement(scope) };
    }
    if (shorthand === null || isReserved(shorthand)) unreadable();
    if (s.is('=')) {
      s.next();
      this.use(this.parseAssignment(scope));
    }
    return { key, pos, target: { kind: 'name', name: shorthand } };
  }

  protected parseClass(scope: Scope, declaration: boolean): void {
    const s = this.scanner;
    s.next(); // class
    if (s.token === Token.Name && !s.isName('extends')) {
      if (declaration) scope.set(s.value(), null);
      s.next();
    }
    if (s.isName('extends')) {
      s.next();
      this.use(this.parseOperand(scope));
    }
    this.expect('{');
    while (!s.is('}')) {
      if (s.is(';')) {
        s.next();
        continue;
      }
      if (s.isName('static') && s.peekIs('{')) {
        s.next();
        // A static block is a function's body of its own (its `var`s stay in it).
        this.parseFunctionBody(new Scope(scope, true));
        continue;
      }
      this.parsePropertyKey(scope, false);
      if (s.is('(')) {
        this.parseFunctionRest(scope, null);
      } else {
        if (s.is('=')) {
          s.next();
          this.use(this.parseAssignment(new Scope(scope, true)));
        }
        this.semicolon();
      }
    }
    s.next();
  }

  /** A statement's end: `;`, or where automatic semicolon insertion puts one. */
  protected semicolon(): void {
    const s = this.scanner;
    if (s.is(';')) {
      s.next();
      return;
    }
    if (s.is('}') || s.token === Token.End || s.newlineBefore) return;
    unreadable();
  }

  protected expect(punct: string): void {
    if (!this.scanner.is(punct)) unreadable();
    this.scanner.next();
  }
}

/**
 * Whether a name starting with this letter may be a keyword an operand starts with (`this`,
 * `true`, `typeof`, `null`, `new`, `false`, `function`, `super`, `class`, `import`, `void`,
 * `delete`, `async`, `await`): most names are ruled out without a copy of their text.
 */
function mayBeKeyword(c: number): boolean {
  return c === 0x74 || c === 0x6e || c === 0x66 || c === 0x73 || c === 0x63 || c === 0x69 || c === 0x76 || c === 0x64 || c === 0x61;
}

/** Whether the current token cannot start an expression (ends a `return`, `yield`, …). */
export function endsExpression(s: Scanner): boolean {
  return s.token === Token.End || (s.token === Token.Punct && (s.punct === ';' || s.punct === '}' || s.punct === ')' || s.punct === ']' || s.punct === ',' || s.punct === ':'));
}

function templateValue(s: Scanner): string | null {
  const inner = s.text.slice(s.start + 1, s.end - 1);
  return inner.includes('\\') ? null : inner;
}

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch',
  'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'enum', 'await',
  'implements', 'package', 'protected', 'interface', 'private', 'public',
]);

function isReserved(name: string): boolean {
  return RESERVED.has(name);
}
