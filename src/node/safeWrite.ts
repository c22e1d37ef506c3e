// Writes files only where the user asked: below an output folder, never through a symbolic link. A repository can
// ship links (a `k8s` folder pointing at the home folder, a dangling `Dockerfile` link naming ~/.bashrc), so every
// path component from the trusted anchor down is checked with lstat, folders are created one at a time, new files
// are opened with O_EXCL|O_NOFOLLOW, and an existing file or link is replaced by renaming a fresh file over it,
// which swaps the directory entry and never writes whatever the old entry pointed at.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { generatedPathProblem } from '../core/convert/paths';

/** Why a write was refused; `abs` is the path at fault. */
export type UnsafeReason = 'link' | 'not-a-folder' | 'not-a-file' | 'outside' | 'bad-name' | 'missing-folder';

export class UnsafeWriteError extends Error {
  constructor(
    readonly reason: UnsafeReason,
    readonly abs: string,
    /** What a link points at (readlink), when `reason` is 'link'. */
    readonly linkTarget?: string,
    detail?: string,
  ) {
    super(detail ?? `${abs}: ${reason}`);
  }

  /**
   * One clause naming the path (as `show` prints it) and the problem, e.g. "k8s is a symbolic link (to /home/x)";
   * `text` prepares other strings from the disk (a link's target) for printing.
   */
  describe(show: (abs: string) => string, text: (s: string) => string = (s) => s): string {
    const p = show(this.abs);
    switch (this.reason) {
      case 'link':
        return `${p} is a symbolic link${this.linkTarget !== undefined ? ` (to ${text(this.linkTarget)})` : ''}`;
      case 'not-a-folder':
        return `${p} is not a folder`;
      case 'not-a-file':
        return `${p} is not a regular file`;
      case 'outside':
        return `${p} resolves outside the output folder`;
      case 'missing-folder':
        return `the folder ${p} does not exist`;
      case 'bad-name':
        return `${p} ${this.message}`;
    }
  }
}

/** Where files go: `dir` is `anchor` or below it. Components of `anchor` itself are trusted (the user named them). */
export interface OutputFolder {
  anchor: string;
  dir: string;
}

type TargetState = 'missing' | 'file' | 'link';

export interface Target {
  /** Relative to the output folder, forward slashes. */
  rel: string;
  abs: string;
  state: TargetState;
  /** Where a link points, for messages. */
  linkTarget?: string;
}

export interface WriteOptions {
  /** Replace an existing regular file (default false: an existing file is an error). */
  replaceFiles?: boolean;
  /** Replace an existing symbolic link by a regular file; the link's target is never written (default false). */
  replaceLinks?: boolean;
  /** Create missing folders below the anchor (default true). */
  createFolders?: boolean;
  /** When set, `rel` is a generated name and must pass the core path check (default true). */
  checkNames?: boolean;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function lstatOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function linkError(p: string): Promise<UnsafeWriteError> {
  const to = await fs.readlink(p).catch(() => undefined);
  return new UnsafeWriteError('link', p, to);
}

/** The segments from `anchor` to `abs`, refusing a path that leaves the anchor lexically. */
function segmentsBelow(anchor: string, abs: string): string[] {
  const rel = path.relative(anchor, abs);
  if (rel === '') return [];
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UnsafeWriteError('outside', abs);
  return rel.split(path.sep);
}

function checkName(rel: string, folder: OutputFolder): void {
  const problem = generatedPathProblem(rel);
  if (problem)
    throw new UnsafeWriteError(
      'bad-name',
      path.join(folder.dir, rel.replace(/[\u0000-\u001f]/g, '?')),
      undefined,
      `has an unsafe name: the path ${JSON.stringify(rel)} ${problem}`,
    );
}

/**
 * Checks (and with `create`, makes) each folder from `anchor` down to `dir`: every existing component must be a real
 * folder, not a link. Returns false when a component is missing and `create` is off (nothing below it exists).
 */
async function walkFolders(folder: OutputFolder, dir: string, create: boolean, realAnchor: string): Promise<boolean> {
  let cur = folder.anchor;
  for (const seg of segmentsBelow(folder.anchor, dir)) {
    cur = path.join(cur, seg);
    let st = await lstatOrUndefined(cur);
    if (!st) {
      if (!create) return false;
      try {
        // One level at a time (never recursive): mkdir does not follow a link at its own final component.
        await fs.mkdir(cur);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      st = await fs.lstat(cur);
    }
    if (st.isSymbolicLink()) throw await linkError(cur);
    if (!st.isDirectory()) throw new UnsafeWriteError('not-a-folder', cur);
  }
  // Defence in depth: whatever the checks above missed (a race, a mount trick), the folder must really be inside the
  // output folder (or, for the folders above it, inside the anchor).
  const real = await fs.realpath(dir);
  const bound = isInside(folder.dir, dir) ? await fs.realpath(folder.dir) : realAnchor;
  if (!isInside(bound, real) || !isInside(realAnchor, real)) throw new UnsafeWriteError('outside', dir);
  return true;
}

async function realAnchorOf(folder: OutputFolder): Promise<string> {
  segmentsBelow(folder.anchor, folder.dir);
  try {
    return await fs.realpath(folder.anchor);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UnsafeWriteError('missing-folder', folder.anchor);
    throw e;
  }
}

/**
 * What is at each target now (missing, a regular file, a link), without changing anything. Throws UnsafeWriteError
 * when a folder on the way is a link or not a folder, a target is a folder or special file, or a name is unsafe.
 */
export async function inspectTargets(folder: OutputFolder, rels: readonly string[], options: Pick<WriteOptions, 'checkNames'> = {}): Promise<Target[]> {
  const realAnchor = await realAnchorOf(folder);
  const checked = new Map<string, boolean>();
  const out: Target[] = [];
  for (const rel of rels) {
    if (options.checkNames !== false) checkName(rel, folder);
    const abs = path.join(folder.dir, ...rel.split('/'));
    const dir = path.dirname(abs);
    let exists = checked.get(dir);
    if (exists === undefined) {
      exists = await walkFolders(folder, dir, false, realAnchor);
      checked.set(dir, exists);
    }
    if (!exists) {
      out.push({ rel, abs, state: 'missing' });
      continue;
    }
    const st = await lstatOrUndefined(abs);
    if (!st) out.push({ rel, abs, state: 'missing' });
    else if (st.isSymbolicLink()) out.push({ rel, abs, state: 'link', linkTarget: await fs.readlink(abs).catch(() => undefined) });
    else if (st.isFile()) {
      if (!isInside(realAnchor, await fs.realpath(abs))) throw new UnsafeWriteError('outside', abs);
      out.push({ rel, abs, state: 'file' });
    } else throw new UnsafeWriteError('not-a-file', abs);
  }
  return out;
}

async function writeNew(abs: string, content: string | Uint8Array): Promise<void> {
  // O_EXCL never follows a link, dangling or not, and fails if anything appeared since the check.
  const fh = await fs.open(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o666);
  try {
    await fh.writeFile(content);
  } finally {
    await fh.close();
  }
}

/**
 * Writes one file at `rel` below the output folder. An existing regular file or link is replaced only when the
 * options allow it, by renaming a new file over the entry: the old file's other hard links and a link's target
 * keep their content.
 */
export async function writeTarget(folder: OutputFolder, rel: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<string> {
  if (options.checkNames !== false) checkName(rel, folder);
  const realAnchor = await realAnchorOf(folder);
  const abs = path.join(folder.dir, ...rel.split('/'));
  const dir = path.dirname(abs);
  if (!(await walkFolders(folder, dir, options.createFolders !== false, realAnchor))) throw new UnsafeWriteError('missing-folder', dir);
  const st = await lstatOrUndefined(abs);
  if (!st) {
    await writeNew(abs, content);
    return abs;
  }
  if (st.isSymbolicLink()) {
    if (!options.replaceLinks) throw await linkError(abs);
  } else if (!st.isFile()) {
    throw new UnsafeWriteError('not-a-file', abs);
  } else if (!options.replaceFiles) {
    const e = new Error(`${abs} already exists`) as NodeJS.ErrnoException;
    e.code = 'EEXIST';
    throw e;
  }
  const tmp = path.join(dir, `.${path.basename(abs)}.${randomBytes(6).toString('hex')}.lambdashift-tmp`);
  try {
    await writeNew(tmp, content);
    await fs.rename(tmp, abs);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  return abs;
}

/** Writes every file (after `inspectTargets` said what is there); returns the absolute paths written. */
export async function writeTargets(
  folder: OutputFolder,
  files: readonly { path: string; content: string | Uint8Array }[],
  options: WriteOptions = {},
): Promise<string[]> {
  // Check everything before writing anything: a refused path leaves the output folder as it was.
  await inspectTargets(
    folder,
    files.map((f) => f.path),
    options,
  );
  const written: string[] = [];
  for (const f of files) written.push(await writeTarget(folder, f.path, f.content, options));
  return written;
}

/**
 * The anchor for a file or folder the user named on the command line: `base` (the current or scanned folder) when
 * the path is inside it, so every component the repository could have planted is checked; else the path's parent,
 * whose components the user typed.
 */
export function anchorFor(base: string, abs: string): string {
  return isInside(base, abs) ? base : path.dirname(abs);
}

/**
 * Writes a report file the user named (`assess --output`): replaces a regular file, refuses to write through a
 * link anywhere from `base` down (or at the file itself when it is outside `base`), never creates folders.
 */
export async function writeUserFile(base: string, file: string, content: string | Uint8Array): Promise<void> {
  const abs = path.resolve(base, file);
  const anchor = anchorFor(base, abs);
  const folder = { anchor, dir: anchor };
  const rel = path.relative(anchor, abs).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('..')) throw new UnsafeWriteError('not-a-file', abs);
  await writeTarget(folder, rel, content, { replaceFiles: true, replaceLinks: false, createFolders: false, checkNames: false });
}
