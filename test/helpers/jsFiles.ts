import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every JS/TS file under `dir` (sorted; node_modules and dot-folders skipped, so the benchmark's generated workspaces in
 * bench/.work, which only some machines have, stay out): real code for tests that compare two code paths.
 */
export function jsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && !name.startsWith('.')) jsFiles(p, out);
    } else if (/\.(?:[cm]?[jt]sx?)$/.test(name)) out.push(p);
  }
  return out;
}
