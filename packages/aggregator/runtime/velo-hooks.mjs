// Node module customization hooks (module.register) that resolve imports the way Velo
// does, so site and package backend code runs unchanged in Node:
// - `backend/…` and `public/…` against the source root of the importing file's package
//   (a site's `src/`, a Velo package's own folder),
// - relative and site-absolute specifiers without an extension (tries .js, then .jsw),
// - `wix-*` and `@wix/*` modules to stubs: `<stubs>/<module>.js`, then the defaults,
// - every .js/.jsw file of the site as an ES module, whatever its package.json says.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `{ dir, srcRoot }` pairs, innermost first: files under `dir` resolve `backend/…` in `srcRoot`. */
let roots = [];
let stubDirs = [];

export function initialize(data) {
  roots = (data.roots ?? [{ dir: path.parse(data.srcRoot).root, srcRoot: data.srcRoot }])
    .slice()
    .sort((a, b) => b.dir.length - a.dir.length);
  stubDirs = data.stubDirs ?? [];
}

function sourceRootFor(parentURL) {
  const parent = parentURL?.startsWith('file:') ? fileURLToPath(parentURL) : '';
  const match = roots.find(({ dir }) => parent === dir || parent.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));
  return (match ?? roots[roots.length - 1])?.srcRoot ?? null;
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
  const srcRoot = sourceRootFor(context.parentURL);
  if (srcRoot && (specifier.startsWith('backend/') || specifier.startsWith('public/'))) {
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
    const importer = context.parentURL?.startsWith('file:') ? ` (imported by ${fileURLToPath(context.parentURL)})` : '';
    const error = new Error(
      `no stub for '${specifier}'${importer}: Velo provides it on Wix servers only. Put a stub at <stubs>/${specifier}.js and pass --stubs <stubs> (or set "stubs" in velo-events.config.json)`,
    );
    error.code = 'ERR_VELO_NO_STUB';
    throw error;
  }
  return nextResolve(specifier, context);
}

function isVeloCode(file) {
  const inside = (dir) => file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  return roots.some(({ dir }) => inside(dir)) || stubDirs.some(inside);
}

export async function load(url, context, nextLoad) {
  // Velo code is ES modules whatever a package.json says; npm dependencies keep their format.
  if (url.startsWith('file:') && /\.(js|jsw)$/.test(url) && isVeloCode(fileURLToPath(url))) {
    const result = await nextLoad(url, { ...context, format: 'module' });
    return { ...result, format: 'module', shortCircuit: true };
  }
  return nextLoad(url, context);
}
