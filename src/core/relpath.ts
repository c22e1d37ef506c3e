// Forward-slash, workspace-relative path helpers shared by the join modules.

export const CODE_EXTS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx', '.py'];

/** POSIX-style path join + normalisation on forward-slash relative paths. */
export function joinPath(...parts: string[]): string {
  const segs: string[] = [];
  for (const part of parts) {
    for (const s of part.replace(/\\/g, '/').split('/')) {
      if (s === '' || s === '.') continue;
      if (s === '..') {
        if (segs.length && segs[segs.length - 1] !== '..') segs.pop();
        else segs.push('..');
      } else segs.push(s);
    }
  }
  return segs.join('/');
}

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i >= 0 ? file.slice(0, i) : '';
}

/** The nearest folder above `file` (its own first, the workspace's root last, as '') for which `holds` is true. */
export function nearestFolder(file: string, holds: (dir: string) => boolean): string | undefined {
  for (let d = dirOf(file); ; d = dirOf(d)) {
    if (holds(d)) return d;
    if (d === '') return undefined;
  }
}

/** Finds a code file among `known` for a module path without extension (or with a JS extension written for TS). */
export function resolveModuleFile(base: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(base)) return base;
  const stripped = base.replace(/\.(m?js|cjs)$/, '');
  for (const ext of CODE_EXTS) if (known.has(stripped + ext)) return stripped + ext;
  for (const ext of CODE_EXTS) if (known.has(`${base}/index${ext}`)) return `${base}/index${ext}`;
  return undefined;
}
