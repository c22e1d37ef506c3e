import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { binaryProblem, sizeProblem } from '../core/input';
import type { AnalysisError } from '../core/types';

const IGNORE_HINT = 'Add it to .lambdashiftignore';

/** Folders never worth walking into. */
export const DEFAULT_IGNORES = ['node_modules/', 'dist/', '.git/', '.aws-sam/', '.serverless/', '.terraform/', 'cdk.out/', 'coverage/', '.next/', 'build/'];


export interface WalkedFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the scan root, forward slashes. */
  rel: string;
}

export interface WalkResult {
  files: WalkedFile[];
  errors: AnalysisError[];
}

async function readIgnoreFile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Lists files under `root`, honouring .gitignore and .lambdashiftignore files (in every folder, like git) and the
 * default ignores. Unreadable folders become errors; the walk goes on.
 */
export async function walkFiles(root: string, extraExcludes: string[] = []): Promise<WalkResult> {
  const errors: AnalysisError[] = [];
  const base = ignore().add(DEFAULT_IGNORES).add(extraExcludes);
  // Folders are read concurrently (a large repository is mostly waiting on readdir); each folder's result keeps
  // its sorted position, so the file order is the same as a sequential walk's.
  const visit = async (dir: string, rules: { ig: Ignore; at: string }[]): Promise<WalkedFile[]> => {
    const relDir = path.relative(root, dir).split(path.sep).join('/');
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: relDir || '.', message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check its permissions; it was skipped.` });
      return [];
    }
    const local = ignore();
    let hasLocal = false;
    // Only read ignore files that exist (the listing says so): most folders have none.
    for (const name of ['.gitignore', '.lambdashiftignore']) {
      if (!entries.some((e) => e.name === name && e.isFile())) continue;
      const text = await readIgnoreFile(path.join(dir, name));
      if (text !== undefined) {
        local.add(text);
        hasLocal = true;
      }
    }
    const chain = hasLocal ? [...rules, { ig: local, at: relDir }] : rules;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const parts: (WalkedFile | Promise<WalkedFile[]>)[] = [];
    for (const ent of entries) {
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      const isDir = ent.isDirectory();
      const probe = isDir ? `${rel}/` : rel;
      if (base.ignores(probe)) continue;
      if (chain.some(({ ig, at }) => {
        const sub = at ? (probe.startsWith(`${at}/`) ? probe.slice(at.length + 1) : undefined) : probe;
        return sub !== undefined && sub !== '' && ig.ignores(sub);
      })) continue;
      const abs = path.join(dir, ent.name);
      if (isDir) parts.push(visit(abs, chain));
      else if (ent.isFile()) parts.push({ abs, rel });
    }
    const resolved = await Promise.all(parts.map((p) => (p instanceof Promise ? p : [p])));
    return resolved.flat();
  };
  const files = await visit(root, [{ ig: base, at: '' }]);
  // Errors arrive in completion order; sort them so output stays deterministic.
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, errors };
}

export type ReadOutcome = { text: string } | { error: string; line?: number };

/** Reads a file as UTF-8 text, refusing binary and oversized files with a message that says what happened. */
export async function readTextFile(abs: string): Promise<ReadOutcome> {
  let buf: Buffer;
  try {
    const st = await fs.stat(abs);
    const tooBig = sizeProblem(st.size, IGNORE_HINT);
    if (tooBig) return { error: tooBig };
    buf = await fs.readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' || code === 'EPERM' ? 'cannot read: permission denied. Fix its permissions or add it to .lambdashiftignore.' : `cannot read: ${code ?? (e as Error).message}.` };
  }
  const binary = binaryProblem(buf, IGNORE_HINT);
  if (binary) return { error: binary };
  return { text: buf.toString('utf8').replace(/^\uFEFF/, '') };
}
