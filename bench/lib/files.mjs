// The file list every measured tool gets: the same JS/TS and YAML files, in the same order.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const JS = /\.(?:[cm]?[jt]sx?)$/i;
export const YAML = /\.ya?ml$/i;

export function listFiles(root) {
  const out = [];
  const visit = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
      const abs = path.join(dir, ent.name);
      if (ent.isDirectory()) visit(abs);
      else if (JS.test(ent.name) || YAML.test(ent.name)) out.push(abs);
    }
  };
  visit(root);
  return out;
}
