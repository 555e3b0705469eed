// Node module customization hooks (module.register) that resolve imports the way Velo
// does, so site and package backend code runs unchanged in Node:
// - `backend/…` and `public/…` against the site's `src/` folder,
// - relative and site-absolute specifiers without an extension (tries .js, then .jsw),
// - `wix-*` and `@wix/*` modules to stubs: `<stubs>/<module>.js`, then the defaults,
// - every .js/.jsw file of the site as an ES module, whatever its package.json says.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let srcRoot = '';
let stubDirs = [];

export function initialize(data) {
  srcRoot = data.srcRoot;
  stubDirs = data.stubDirs;
}

const isFile = (file) => existsSync(file) && statSync(file).isFile();

function withExtension(file) {
  for (const candidate of [file, `${file}.js`, `${file}.jsw`]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function isWixModule(specifier) {
  return /^wix-[a-z0-9-]+(\/|$)/.test(specifier) || specifier.startsWith('@wix/');
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('backend/') || specifier.startsWith('public/')) {
    const file = withExtension(path.join(srcRoot, specifier));
    if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
  }
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.startsWith('file:')) {
    const file = withExtension(path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier));
    if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
  }
  if (isWixModule(specifier)) {
    for (const dir of stubDirs) {
      const file = withExtension(path.join(dir, specifier));
      if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
    }
    const error = new Error(
      `no stub for '${specifier}': Velo provides it on Wix servers only. Put a stub at <stubs>/${specifier}.js and pass --stubs <stubs>`,
    );
    error.code = 'ERR_VELO_NO_STUB';
    throw error;
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && /\.(js|jsw)$/.test(url)) {
    const result = await nextLoad(url, { ...context, format: 'module' });
    return { ...result, format: 'module', shortCircuit: true };
  }
  return nextLoad(url, context);
}
