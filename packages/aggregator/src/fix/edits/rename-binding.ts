import { Project, ts } from 'ts-morph';
import type { TextEdit } from './apply-edits';

const FILE = '/events.js';

/** Renames one binding of a module with all its uses: declaration, references, shorthand properties. */
export type RenameBinding = (position: number, newName: string) => TextEdit[] | null;

/**
 * TypeScript's own rename (the language service behind an editor's "Rename Symbol"), run on
 * one in-memory file: it resolves scopes, so a shadowing inner variable keeps its name, and
 * with prefix and suffix text `{ h }` becomes `{ h: newName }` and `export { h }` becomes
 * `export { newName as h }`, so nothing the module exports or builds changes but the name.
 * The project is built once per text, on the first rename.
 */
export function bindingRenamer(text: string): RenameBinding {
  let service: ts.LanguageService | undefined;
  return (position, newName) => {
    service ??= languageService(text);
    const locations = service.findRenameLocations(FILE, position, false, false, {
      providePrefixAndSuffixTextForRename: true,
    });
    if (!locations || locations.length === 0 || locations.some((l) => l.fileName !== FILE)) return null;
    return locations.map((location) => ({
      start: location.textSpan.start,
      end: location.textSpan.start + location.textSpan.length,
      text: `${location.prefixText ?? ''}${newName}${location.suffixText ?? ''}`,
    }));
  };
}

function languageService(text: string): ts.LanguageService {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, noLib: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext },
  });
  project.createSourceFile(FILE, text);
  return project.getLanguageService().compilerObject;
}
