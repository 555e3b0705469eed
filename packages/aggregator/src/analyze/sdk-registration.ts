import ts = require('@ts-morph/common/dist/typescript.js');
import type { Location } from '../model';
import type { LocalBindings } from './describe-value';
import type { SdkRegistrationFact } from './module-facts';

const REGISTRATION_NAME = /^on[A-Z][A-Za-z0-9]*$/;

/**
 * `products.onProductCreated(cb)` at top level, where `products` comes from an `@wix/…`
 * module. On sites only Velo handlers in events.js run (shared/velo/FACTS.md §c).
 */
export function findSdkRegistration(
  expression: ts.Expression,
  bindings: LocalBindings,
  source: ts.SourceFile,
  nodeAt: (node: ts.Node) => Location,
): SdkRegistrationFact | null {
  let call = expression;
  if (ts.isAwaitExpression(call)) call = call.expression;
  if (!ts.isCallExpression(call)) return null;
  const callee = call.expression;
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return null;
  const value = bindings.get(root.text)?.describe();
  if (value?.kind !== 'import' || !value.specifier.startsWith('@wix/')) return null;
  // `import { onProductCreated as register } from '@wix/stores'` registers onProductCreated.
  const event = ts.isPropertyAccessExpression(callee) ? callee.name.text : value.imported;
  if (!REGISTRATION_NAME.test(event)) return null;
  return { callee: callee.getText(source), event, module: value.specifier, at: nodeAt(call) };
}
