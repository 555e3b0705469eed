/**
 * How Velo reads an import specifier. `backend/…` and `public/…` are the site's own files
 * (site-absolute, shared/velo/FACTS.md §a interpretation); `./` and `../` are relative;
 * everything else is an npm or Velo package (bare).
 */
export type SpecifierKind = 'relative' | 'site' | 'bare';

export function specifierKind(specifier: string): SpecifierKind {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return 'relative';
  if (specifier.startsWith('backend/') || specifier.startsWith('public/')) return 'site';
  return 'bare';
}
