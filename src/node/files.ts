import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { decodeText, sizeProblem } from '../core/input';
import type { AnalysisError } from '../core/types';
import { repositoryOf, trackedFiles, type Repository, type Tracked } from './gitIndex';
import { countFiles, isDotnetTemplateFolder, isVendoredFolder, vendoredEntries } from './vendored';

const IGNORE_HINT = 'Add it to .lambdashiftignore';

/**
 * Folders never worth walking into: dependencies and build output (Go's vendor/, Maven's target/, .NET's obj/ included),
 * and Yarn's own folder (its release, plugins, SDK shims and cache: `.yarn/releases/yarn-4.x.cjs` is a 3 MB bundle).
 */
const DEFAULT_IGNORES = [
  'node_modules/',
  'dist/',
  '.git/',
  '.aws-sam/',
  '.serverless/',
  '.terraform/',
  'cdk.out/',
  'coverage/',
  '.next/',
  'build/',
  'vendor/',
  'target/',
  'obj/',
  '.yarn/',
];

interface WalkedFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the scan root, forward slashes. */
  rel: string;
  /**
   * The path's bytes, when the file's name is not valid UTF-8: `abs` and `rel` then show U+FFFD for the bad bytes
   * and cannot open the file, these bytes can.
   */
  raw?: Buffer;
}

export interface WalkResult {
  files: WalkedFile[];
  errors: AnalysisError[];
  /** Files of vendored third-party packages (src/node/vendored.ts), not listed in `files`. */
  vendored: number;
}

async function readIgnoreFile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Up to `max` names from a list, for a one-line summary. */
function some(names: string[], max = 5): string {
  return (
    names
      .slice(0, max)
      .map((n) => `'${n}'`)
      .join(', ') + (names.length > max ? `, and ${names.length - max} more` : '')
  );
}

/** Ignore patterns from one file (or the defaults), applied below the folder `at`; `git`: a .gitignore's. */
interface IgnoreRule {
  ig: Ignore;
  at: string;
  git: boolean;
  /** A file above the walked folder (in the same repository): the path from its folder down to the walked one. */
  above?: string;
}

/**
 * The ignore files of the folders above `root` up to its repository's top, outermost first, as git applies them to a
 * subfolder: assessing `repo/app` honours `repo/.gitignore`. Outside a repository, none (a folder's parents are not
 * its project). A pattern that hides `root` itself (`build/` when `repo/build/out` is assessed) is left out: the folder
 * was named, so it is assessed, and the file's other patterns still apply below it.
 */
async function rulesAbove(root: string, repo: Repository | undefined): Promise<IgnoreRule[]> {
  if (!repo) return [];
  const out: IgnoreRule[] = [];
  const abs = path.resolve(root);
  for (let d = path.dirname(abs); d.length >= repo.top.length && d !== abs; d = path.dirname(d)) {
    const above = path.relative(d, abs).split(path.sep).join('/');
    for (const name of ['.lambdashiftignore', '.gitignore']) {
      const text = await readIgnoreFile(path.join(d, name));
      if (text !== undefined) out.unshift({ ig: ignore().add(notHiding(text, `${above}/`)), at: '', git: name === '.gitignore', above });
    }
    if (d === repo.top || path.dirname(d) === d) break;
  }
  return out;
}

/** The lines of an ignore file but those patterns that on their own hide `folder` (a path ending in `/`). */
function notHiding(text: string, folder: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => {
      const t = line.trim();
      return !t || t.startsWith('#') || t.startsWith('!') || !ignore().add(line).ignores(folder);
    })
    .join('\n');
}

/**
 * Lists files under `root`, honouring .gitignore and .lambdashiftignore files (in every folder, like git, and above
 * `root` up to its repository's top) and the default ignores. As in git, a .gitignore pattern does not hide a file the
 * repository tracks (its index says which, src/node/gitIndex.ts); .lambdashiftignore and the default ignores do. Only
 * regular files are listed: symbolic links are not followed (a link may leave the folder or loop) and FIFOs, sockets
 * and devices are never opened (reading a FIFO blocks); each kind gets one summary entry in `errors`. Unreadable
 * folders become errors; the walk goes on.
 */
export async function walkFiles(root: string, extraExcludes: string[] = []): Promise<WalkResult> {
  const errors: AnalysisError[] = [];
  let vendored = 0;
  const base = ignore().add(DEFAULT_IGNORES).add(extraExcludes);
  const links: string[] = [];
  const special: string[] = [];
  const badNames: string[] = [];
  // Folders are read concurrently (a large repository is mostly waiting on readdir); each folder's result keeps
  // its sorted position, so the file order is the same as a sequential walk's.
  const repo = await repositoryOf(root);
  // The index is read once, when a .gitignore pattern first matches something.
  let tracked: Promise<Tracked | undefined> | undefined;
  const isTracked = async (rel: string, isDir: boolean) => {
    const t = repo && (await (tracked ??= trackedFiles(root, repo)));
    return !!t && (isDir ? t.folders.has(rel) : t.files.has(rel));
  };
  const visit = async (dir: string, rules: IgnoreRule[]): Promise<WalkedFile[]> => {
    const relDir = path.relative(root, dir).split(path.sep).join('/');
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({
        file: relDir || '.',
        message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check its permissions; it was skipped.`,
      });
      return [];
    }
    // Names that are not valid UTF-8 decode with U+FFFD and then name no file: list their bytes instead.
    let rawNames: Map<string, Buffer[]> | undefined;
    if (entries.some((e) => e.name.includes('\uFFFD'))) {
      rawNames = new Map();
      for (const b of await fs.readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[])) {
        const shown = b.toString('utf8');
        if (!shown.includes('\uFFFD')) continue;
        rawNames.set(shown, [...(rawNames.get(shown) ?? []), b]);
      }
    }
    const chain = [...rules];
    // Only read ignore files that exist (the listing says so): most folders have none.
    for (const name of ['.gitignore', '.lambdashiftignore']) {
      if (!entries.some((e) => e.name === name && e.isFile())) continue;
      const text = await readIgnoreFile(path.join(dir, name));
      if (text !== undefined) chain.push({ ig: ignore().add(text), at: relDir, git: name === '.gitignore' });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const skip = relDir && (isVendoredFolder(relDir) || isDotnetTemplateFolder(entries)) ? 'all' : await vendoredEntries(dir, entries);
    if (skip === 'all') {
      // Read the count first: `vendored += await …` would add to a value read before other folders' counts landed.
      const n = await countFiles(dir);
      vendored += n;
      return [];
    }
    const parts: (WalkedFile | Promise<WalkedFile[]>)[] = [];
    for (const ent of entries) {
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      const isDir = ent.isDirectory();
      const probe = isDir ? `${rel}/` : rel;
      if (base.ignores(probe)) continue;
      // A .lambdashiftignore pattern hides the entry; a .gitignore one only when the repository does not track it.
      let hidden = false;
      let byGit = false;
      for (const { ig, at, git, above } of chain) {
        const sub = above !== undefined ? `${above}/${probe}` : at ? (probe.startsWith(`${at}/`) ? probe.slice(at.length + 1) : undefined) : probe;
        if (sub === undefined || sub === '' || !ig.ignores(sub)) continue;
        if (!git) {
          hidden = true;
          break;
        }
        byGit = true;
      }
      if (hidden || (byGit && !(await isTracked(rel, isDir)))) continue;
      const abs = path.join(dir, ent.name);
      if (skip.has(ent.name)) {
        const n = isDir ? await countFiles(abs) : 1;
        vendored += n;
        continue;
      }
      const raw = rawNames?.get(ent.name);
      if (raw) {
        // The folder's own path is valid UTF-8 (else its listing would have failed): join the name's bytes to it.
        if (ent.isFile()) for (const b of raw.splice(0, 1)) parts.push({ abs, rel, raw: Buffer.concat([Buffer.from(dir + path.sep), b]) });
        else badNames.push(rel);
      } else if (isDir) parts.push(visit(abs, chain));
      else if (ent.isFile()) parts.push({ abs, rel });
      else if (ent.isSymbolicLink()) links.push(rel);
      else special.push(rel);
    }
    const resolved = await Promise.all(parts.map((p) => (p instanceof Promise ? p : [p])));
    return resolved.flat();
  };
  // The default ignores and --exclude are applied first, to every entry (`base`, above).
  const files = await visit(root, await rulesAbove(root, repo));
  // Errors arrive in completion order; sort them so output stays deterministic.
  links.sort();
  special.sort();
  badNames.sort();
  if (links.length) {
    errors.push({
      file: links[0],
      message: `${links.length} symbolic link${links.length === 1 ? ' was' : 's were'} not followed: ${some(links)}. LambdaShift analyses the regular files inside the folder only (a link may lead outside it or loop); to assess a link's target, pass the target's path.`,
    });
  }
  if (special.length) {
    errors.push({
      file: special[0],
      message: `${special.length} special file${special.length === 1 ? ' was' : 's were'} skipped (FIFOs, sockets or devices, which hold no source): ${some(special)}.`,
    });
  }
  if (badNames.length) {
    errors.push({
      file: badNames[0],
      message: `${badNames.length} folder${badNames.length === 1 ? "'s name is" : "s' names are"} not valid UTF-8 and ${badNames.length === 1 ? 'was' : 'were'} skipped: ${some(badNames)}. Rename ${badNames.length === 1 ? 'it' : 'them'} to UTF-8 to have ${badNames.length === 1 ? 'it' : 'them'} assessed.`,
    });
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, errors, vendored };
}

export type ReadOutcome = { text: string } | { error: string; line?: number };

/**
 * Reads a file as text (UTF-8, or UTF-16 with or without a BOM), refusing binary, oversized and non-regular files
 * with a message that says what happened. `abs` may be the path's bytes (names that are not valid UTF-8).
 */
export async function readTextFile(abs: string | Buffer): Promise<ReadOutcome> {
  let buf: Buffer;
  try {
    const st = await fs.stat(abs);
    // Reading a FIFO would wait for a writer forever.
    if (!st.isFile()) return { error: 'skipped: not a regular file (a FIFO, socket or device). Add it to .lambdashiftignore.' };
    const tooBig = sizeProblem(st.size, IGNORE_HINT);
    if (tooBig) return { error: tooBig };
    buf = await fs.readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      error:
        code === 'EACCES' || code === 'EPERM'
          ? 'cannot read: permission denied. Fix its permissions or add it to .lambdashiftignore.'
          : `cannot read: ${code ?? (e as Error).message}. Check that it still exists and is readable, or add it to .lambdashiftignore.`,
    };
  }
  // A file that grew past the limit between stat and read.
  const tooBig = sizeProblem(buf.length, IGNORE_HINT);
  if (tooBig) return { error: tooBig };
  const decoded = decodeText(buf, IGNORE_HINT);
  return 'error' in decoded ? { error: decoded.error } : { text: decoded.text };
}
