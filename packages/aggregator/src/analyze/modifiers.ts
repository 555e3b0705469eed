import ts = require('@ts-morph/common/dist/typescript.js');

/**
 * Whether a declaration is written with this modifier (`export`, `default`, `async`). Reads
 * the node's own modifier list: `ts.getModifiers` first filters it into a new array, one per
 * call, for every statement of every module.
 */
export function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  const modifiers = node.modifiers;
  if (modifiers === undefined) return false;
  for (let i = 0; i < modifiers.length; i += 1) {
    if (modifiers[i]!.kind === kind) return true;
  }
  return false;
}
