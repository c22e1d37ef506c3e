// The file list every measured tool gets: the same JS/TS and YAML files, in the same order.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const JS = /\.(?:[cm]?[jt]sx?)$/i;
export const YAML = /\.ya?ml$/i;

/**
 * The files under `root` in a stable order (names sorted), never entering hidden folders or those named in `skip`;
 * `accept(name, abs)` keeps a file. By default: JS/TS and YAML files outside node_modules.
 */
export function listFiles(root, { skip = new Set(['node_modules']), accept = (name) => JS.test(name) || YAML.test(name) } = {}) {
  const out = [];
  const visit = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (skip.has(ent.name) || ent.name.startsWith('.')) continue;
      const abs = path.join(dir, ent.name);
      if (ent.isDirectory()) visit(abs);
      else if (ent.isFile() && accept(ent.name, abs)) out.push(abs);
    }
  };
  visit(root);
  return out;
}
