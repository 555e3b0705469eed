import { ts } from 'ts-morph';
import { editsOverlap, type TextEdit } from './edits/apply-edits';
import type { Candidate } from './fix-candidates';
import type { RenameBinding } from './edits/rename-binding';
import { isBindableName, isIdentifierName } from './edits/source-names';

export interface BuildContext {
  source: ts.SourceFile;
  text: string;
  /** The file's line ending, for every line a fix adds. */
  eol: string;
  rename: RenameBinding;
  /** A new top-level name from `base` that nothing in the file uses yet. */
  allocate: (base: string) => string;
}

/** The edits of one or more candidates that must be made together. */
export interface FixUnit {
  candidates: Candidate[];
  edits: TextEdit[];
  /** Top-level names the fix declares anew: no other code of the file may use them. */
  binds: string[];
  descriptions: string[];
}

export type BuiltUnit = FixUnit | { refused: string };

/**
 * Writes the edits of `candidates`: one candidate, or every `wrap-specifier` of one export
 * statement (they rewrite the statement together). Only the text of the changed construct is
 * replaced; new lines take the file's line ending and the statement's indentation.
 */
export function buildFixUnit(candidates: Candidate[], context: BuildContext): BuiltUnit {
  const first = candidates[0]!;
  const built = first.kind === 'wrap-specifier' ? buildSpecifierGroup(candidates, context) : buildSingle(first, context);
  if ('refused' in built) return built;
  for (let i = 0; i < built.edits.length; i += 1) {
    for (let j = i + 1; j < built.edits.length; j += 1) {
      if (editsOverlap(built.edits[i]!, built.edits[j]!)) return { refused: 'velo-events could not combine the edits of this fix' };
    }
  }
  return built;
}

function buildSingle(candidate: Candidate, context: BuildContext): BuiltUnit {
  const { source, text } = context;
  const unit = (edits: TextEdit[], binds: string[], description: string): FixUnit => ({
    candidates: [candidate],
    edits,
    binds,
    descriptions: [description],
  });
  switch (candidate.kind) {
    case 'rename-export': {
      const { element, from, to } = candidate;
      const replacement = element.propertyName ? to : `${element.name.getText(source)} as ${to}`;
      return unit([replace(element.name, source, replacement)], [], `renamed the export \`${from}\` to \`${to}\``);
    }
    case 'rename-binding': {
      const { name, from, to } = candidate;
      const edits = context.rename(name.getStart(source), to);
      if (edits === null) return { refused: `TypeScript could not rename \`${from}\`` };
      return unit(edits, [to], `renamed \`${from}\` to \`${to}\``);
    }
    case 'wrap-variable': {
      const { name, statement, declaration } = candidate;
      const local = context.allocate(`${name}_impl`);
      const renamed = context.rename(declaration.name.getStart(source), local);
      if (renamed === null) return { refused: `TypeScript could not rename \`${name}\`` };
      const edits = [removeExportKeyword(statement, context), ...renamed, ...insertAfter(statement, [wrapper(name, local)], context)];
      return unit(edits, [], `\`${name}\`: the value is kept in \`${local}\`, and \`export function ${name}(event)\` calls it`);
    }
    case 'wrap-member': {
      const { name, base, member, statement } = candidate;
      const access = isIdentifierName(member) ? `${base}.${member}` : `${base}[${JSON.stringify(member)}]`;
      return unit(insertAfter(statement, [wrapper(name, access)], context), [name], `exported \`${name}\`, a function calling \`${access}\``);
    }
    case 'commonjs': {
      const { name, statement, value, form } = candidate;
      const target = (statement.expression as ts.BinaryExpression).left.getText(source);
      const head = { start: statement.getStart(source), end: value.getStart(source) };
      if (form === 'function') {
        const fn = value as ts.FunctionExpression;
        const edits: TextEdit[] = [{ ...head, text: 'export ' }];
        if (!fn.name) edits.push(functionNameInsertion(fn, name, text));
        const tail = text.slice(value.getEnd(), statement.getEnd());
        if (/^\s*;$/.test(tail)) edits.push({ start: value.getEnd(), end: statement.getEnd(), text: '' });
        return unit(edits, [name], `\`${target} = function…\` is now \`export function ${name}\``);
      }
      if (form === 'const') {
        return unit([{ ...head, text: `export const ${name} = ` }], [name], `\`${target} = …\` is now \`export const ${name} = …\``);
      }
      const local = context.allocate(`${name}_impl`);
      const edits = [{ ...head, text: `const ${local} = ` }, ...insertAfter(statement, [wrapper(name, local)], context)];
      return unit(edits, [name], `\`${target} = …\` is now \`const ${local} = …\` and \`export function ${name}(event)\` calls it`);
    }
    case 'wrap-specifier':
      return buildSpecifierGroup([candidate], context);
  }
}

/** `export { a as h1, b } from 'pkg'` → `import { a, b as b_impl } from 'pkg';` and wrappers. */
function buildSpecifierGroup(candidates: Candidate[], context: BuildContext): BuiltUnit {
  const { source } = context;
  const group = candidates as Extract<Candidate, { kind: 'wrap-specifier' }>[];
  const statement = group[0]!.statement;
  const from = statement.moduleSpecifier?.getText(source);
  let defaultImport: string | undefined;
  const namedImports: string[] = [];
  const wrappers: string[] = [];
  const renames: TextEdit[] = [];
  const descriptions: string[] = [];

  for (const candidate of group) {
    const { element, name, binding } = candidate;
    let callee: string;
    if (binding === null) {
      const imported = element.propertyName ?? element.name;
      const importedName = imported.text;
      const usable = importedName !== 'default' && importedName !== name && isBindableName(importedName);
      callee = context.allocate(usable ? importedName : `${name}_impl`);
      if (importedName === 'default' && defaultImport === undefined) defaultImport = callee;
      else namedImports.push(importedName === callee ? callee : `${imported.getText(source)} as ${callee}`);
      const what = importedName === 'default' ? 'the default export' : `\`${importedName}\``;
      descriptions.push(`\`${name}\` is now a function calling ${what} imported from ${from}`);
    } else if (binding.text === name) {
      // `import { h } from 'pkg'; export { h }`: the import takes another name, the wrapper this one.
      callee = context.allocate(`${name}_impl`);
      const renamed = context.rename(binding.getStart(source), callee);
      if (renamed === null) return { refused: `TypeScript could not rename \`${name}\`` };
      renames.push(...renamed);
      descriptions.push(`\`${name}\` is now a function calling \`${callee}\``);
    } else {
      callee = binding.text;
      descriptions.push(`\`${name}\` is now a function calling \`${callee}\``);
    }
    wrappers.push(wrapper(name, callee));
  }

  const lines = [...(from === undefined ? [] : [importStatement(defaultImport, namedImports, from)]), ...wrappers];
  const elements = (statement.exportClause as ts.NamedExports).elements;
  const removed = new Set(group.map((c) => c.element));
  const edits: TextEdit[] = [];
  if (elements.every((e) => removed.has(e))) {
    const indent = indentOf(statement, context);
    edits.push({ ...rangeOf(statement, source), text: lines.join(`${context.eol}${indent}`) });
  } else {
    elements.forEach((element, index) => {
      if (!removed.has(element)) return;
      const keptAfter = elements.slice(index + 1).some((e) => !removed.has(e));
      edits.push(
        keptAfter
          ? { start: element.getStart(source), end: elements[index + 1]!.getStart(source), text: '' }
          : { start: elements[index - 1]!.getEnd(), end: element.getEnd(), text: '' },
      );
    });
    edits.push(...insertAfter(statement, lines, context));
  }
  const deleted = edits.filter((e) => e.end > e.start);
  const inside = (edit: TextEdit): boolean => deleted.some((d) => d.start <= edit.start && edit.end <= d.end);
  return {
    candidates: group,
    edits: [...edits, ...renames.filter((edit) => !inside(edit))],
    binds: group.map((c) => c.name),
    descriptions,
  };
}

function importStatement(defaultImport: string | undefined, named: string[], from: string): string {
  const parts = [...(defaultImport === undefined ? [] : [defaultImport]), ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])];
  return `import ${parts.join(', ')} from ${from};`;
}

/** The documented alternative (shared/velo/FACTS.md §a): a plain exported function that calls the value. */
function wrapper(name: string, callee: string): string {
  const parameter = /^event\b/.test(callee) ? 'payload' : 'event';
  return `export function ${name}(${parameter}) { return ${callee}(${parameter}); }`;
}

function replace(node: ts.Node, source: ts.SourceFile, text: string): TextEdit {
  return { ...rangeOf(node, source), text };
}

function rangeOf(node: ts.Node, source: ts.SourceFile): { start: number; end: number } {
  return { start: node.getStart(source), end: node.getEnd() };
}

function removeExportKeyword(statement: ts.VariableStatement, { source, text }: BuildContext): TextEdit {
  const keyword = ts.getModifiers(statement)!.find((m) => m.kind === ts.SyntaxKind.ExportKeyword)!;
  const next = statement.declarationList.getStart(source);
  const gap = text.slice(keyword.getEnd(), next);
  if (/^\s*$/.test(gap)) return { start: keyword.getStart(source), end: next, text: '' };
  return { start: keyword.getStart(source), end: keyword.getEnd() + (text[keyword.getEnd()] === ' ' ? 1 : 0), text: '' };
}

/** `function (event)` → `function h(event)`, touching only the space before `(`. */
function functionNameInsertion(fn: ts.FunctionExpression, name: string, text: string): TextEdit {
  const openParen = fn.parameters.pos - 1;
  let keywordEnd = openParen;
  while (keywordEnd > 0 && /\s/.test(text[keywordEnd - 1]!)) keywordEnd -= 1;
  if (text.slice(keywordEnd - 'function'.length, keywordEnd) === 'function') {
    return { start: keywordEnd, end: openParen, text: ` ${name}` };
  }
  return { start: openParen, end: openParen, text: /\s/.test(text[openParen - 1] ?? '') ? name : ` ${name}` };
}

/**
 * New lines after `statement`: after the end of its line when only comments follow it there
 * (so a trailing comment stays with its statement), else right after it.
 */
function insertAfter(statement: ts.Statement, lines: string[], context: BuildContext): TextEdit[] {
  const { text, eol } = context;
  const indent = indentOf(statement, context);
  const body = lines.map((line) => `${indent}${line}`).join(eol);
  let end = statement.getEnd();
  const comments = ts.getTrailingCommentRanges(text, end);
  if (comments && comments.length > 0) end = comments[comments.length - 1]!.end;
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i += 1;
  if (i >= text.length) return [{ start: text.length, end: text.length, text: `${eol}${body}` }];
  if (text.startsWith('\r\n', i)) return [{ start: i + 2, end: i + 2, text: `${body}${eol}` }];
  if ('\n\r\u2028\u2029'.includes(text[i]!)) return [{ start: i + 1, end: i + 1, text: `${body}${eol}` }];
  const at = statement.getEnd();
  return [{ start: at, end: at, text: `${eol}${body}${eol}` }];
}

function indentOf(statement: ts.Statement, { source, text }: BuildContext): string {
  const start = statement.getStart(source);
  const lineStart = source.getLineStarts()[source.getLineAndCharacterOfPosition(start).line]!;
  const before = text.slice(lineStart, start);
  return /^[ \t]*$/.test(before) ? before : '';
}
