// A JS/TS import specifier to the workspace file it loads: a relative path, or one of the package's own subpath
// imports (`import { logger } from '#powertools'`, package.json `"imports": { "#powertools": "./src/powertools/index.js" }`),
// which Node resolves through the nearest package.json above the importing file.
import { dirOf, joinPath, nearestFolder, resolveModuleFile } from '../relpath';
import type { FileAnalysis } from '../types';

/** The target of a subpath import in a package.json `imports` map: an exact key, or a `*` pattern (the longest prefix wins). */
function mapSubpath(spec: string, imports: Readonly<Record<string, string>>): string | undefined {
  if (imports[spec] !== undefined) return imports[spec];
  let best: { prefix: number; target: string } | undefined;
  for (const [key, target] of Object.entries(imports)) {
    const star = key.indexOf('*');
    if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
    const head = key.slice(0, star);
    const tail = key.slice(star + 1);
    if (!spec.startsWith(head) || !spec.endsWith(tail) || spec.length < head.length + tail.length) continue;
    if (best && best.prefix >= head.length) continue;
    best = { prefix: head.length, target: target.split('*').join(spec.slice(head.length, spec.length - tail.length)) };
  }
  return best?.target;
}

/** The workspace file `spec` (imported by `from`) loads, if it is one of the workspace's files. */
export function resolveImport(from: string, spec: string, known: ReadonlySet<string>, byFile: ReadonlyMap<string, FileAnalysis>): string | undefined {
  if (!spec.startsWith('#')) return resolveModuleFile(joinPath(dirOf(from), spec), known);
  // The nearest package.json above the file is the package whose imports apply (a package without `imports` ends the search).
  const manifest = (d: string) => (d ? `${d}/package.json` : 'package.json');
  const d = nearestFolder(from, (dir) => byFile.has(manifest(dir)));
  if (d === undefined) return undefined;
  const imports = byFile.get(manifest(d))?.facts?.packageImports;
  const target = imports ? mapSubpath(spec, imports) : undefined;
  return target ? resolveModuleFile(joinPath(d, target), known) : undefined;
}
