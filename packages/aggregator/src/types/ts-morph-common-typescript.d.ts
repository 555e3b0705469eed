// The TypeScript compiler ts-morph bundles, required directly: `@ts-morph/common`'s main
// module also loads minimatch, tinyglobby and 3 MB of its own code (~100 ms) that a
// syntax-only analysis never uses. The types are the ones @ts-morph/common declares for it.
declare module '@ts-morph/common/dist/typescript.js' {
  import { ts } from '@ts-morph/common';
  export = ts;
}
