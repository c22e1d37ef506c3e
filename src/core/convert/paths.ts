// Generated files name their place under the output folder. Those names may one day carry words from the IaC (a
// handler, a function name), so every path leaves core through this one check, and the writer checks again.
import { ConvertError, type GeneratedFile } from './types';

/**
 * Why `p` is not a plain relative path of forward-slash segments (absolute, `..`/`.`/empty segments, backslashes,
 * drive letters or colons, NUL/control characters), or undefined when it is one.
 */
export function generatedPathProblem(p: string): string | undefined {
  if (typeof p !== 'string' || p === '') return 'is empty';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(p)) return 'contains a control character';
  if (p.includes('\\')) return 'contains a backslash';
  if (p.startsWith('/')) return 'is absolute';
  // `C:x` is drive-relative on Windows and `name:stream` an NTFS stream: no generated name needs a colon.
  if (p.includes(':')) return 'contains a colon';
  for (const segment of p.split('/')) {
    if (segment === '') return 'has an empty segment';
    if (segment === '.' || segment === '..') return `has a '${segment}' segment`;
  }
  return undefined;
}

/** Throws ConvertError when a generated path is unsafe or two files share a path (the second would replace the first). */
export function assertGeneratedPaths(files: readonly GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const problem = generatedPathProblem(f.path);
    if (problem)
      throw new ConvertError(`refusing to generate ${JSON.stringify(f.path)}: the path ${problem}. A generated file must stay inside the output folder.`);
    if (seen.has(f.path)) throw new ConvertError(`refusing to generate ${JSON.stringify(f.path)} twice.`);
    seen.add(f.path);
  }
}

/** A value on one line of a line-based file (a Dockerfile or YAML comment): control characters and line breaks become spaces. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * `s` when it can stand unquoted in a Dockerfile instruction or a shell word (a relative path of plain characters, not
 * starting with `-`, no `..`), else undefined: names from the IaC never become Dockerfile syntax or shell code.
 */
export function dockerWord(s: string): string | undefined {
  if (!/^[A-Za-z0-9_@+.][A-Za-z0-9_@+./-]*$/.test(s)) return undefined;
  if (s.split('/').includes('..')) return undefined;
  return s;
}
