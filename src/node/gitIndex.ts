// The files git tracks, read from the repository's index file (https://git-scm.com/docs/index-format). Git applies
// .gitignore to untracked files only: a file committed in spite of a pattern (a CDK TypeScript app's hand-written
// JavaScript handler under the `*.js` of `cdk init`'s .gitignore) is source like any other, and the walk keeps it.
// The index is read, never git run: a repository's own configuration can make git commands execute programs.
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** An index larger than this is not read (a repository of millions of files): .gitignore then applies as written. */
const MAX_INDEX_BYTES = 128 * 2 ** 20;

/**
 * The repository holding `dir`: its top folder (the one with `.git`) and its index file, in the `.git` folder or in the
 * git dir a `.git` file names (worktrees, submodules).
 */
export interface Repository {
  top: string;
  index: string;
}

export async function repositoryOf(dir: string): Promise<Repository | undefined> {
  for (let d = path.resolve(dir); ;) {
    const dotGit = path.join(d, '.git');
    const st = await fs.lstat(dotGit).catch(() => undefined);
    if (st?.isDirectory()) return { top: d, index: path.join(dotGit, 'index') };
    if (st?.isFile()) {
      const text = await fs.readFile(dotGit, 'utf8').catch(() => '');
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
      return m ? { top: d, index: path.join(path.resolve(d, m[1]), 'index') } : undefined;
    }
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * The paths an index lists (relative to the repository's top folder, `/`-separated), for versions 2 to 4 and object
 * hashes of `hashBytes` (20 for SHA-1, 32 for SHA-256); undefined when the bytes do not read as such an index.
 */
export function parseGitIndex(buf: Buffer, hashBytes = 20): string[] | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buf.readUInt32BE(8);
  const out: string[] = [];
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), the object's hash, then 16 bits of flags.
    if (at + 42 + hashBytes > buf.length) return undefined;
    const mode = buf.readUInt32BE(at + 24);
    const flags = buf.readUInt16BE(at + 40 + hashBytes);
    at += 42 + hashBytes;
    if (flags & 0x4000) {
      // Extended flags (version 3 and later).
      if (version < 3) return undefined;
      at += 2;
    }
    let name: Buffer;
    if (version === 4) {
      // The name is the previous one less its last N bytes (N a varint), plus what follows up to a NUL.
      if (at >= buf.length) return undefined;
      let c = buf[at++];
      let strip = c & 127;
      while (c & 128) {
        if (at >= buf.length) return undefined;
        c = buf[at++];
        strip = ((strip + 1) << 7) + (c & 127);
      }
      const end = buf.indexOf(0, at);
      if (end < 0 || strip > previous.length) return undefined;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(at, end)]);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, at);
      if (end < 0) return undefined;
      name = buf.subarray(at, end);
      // The entry is NUL-padded to a multiple of 8 bytes (one NUL at least).
      at = start + ((at - start + name.length + 8) & ~7);
      if (at > buf.length) return undefined;
    }
    previous = name;
    // A sparse index's directory entries (mode 040000) name folders, not files.
    if ((mode & 0o170000) !== 0o040000) out.push(name.toString('utf8'));
  }
  return out;
}

export interface Tracked {
  files: ReadonlySet<string>;
  /** Every folder that holds a tracked file, at any depth. */
  folders: ReadonlySet<string>;
}

/**
 * The files `repo` tracks under `root` (a folder of it), relative to `root` (`/`-separated); undefined when its index
 * cannot be read.
 */
export async function trackedFiles(root: string, repo: Repository): Promise<Tracked | undefined> {
  const st = await fs.stat(repo.index).catch(() => undefined);
  if (!st?.isFile() || st.size > MAX_INDEX_BYTES) return undefined;
  const buf = await fs.readFile(repo.index).catch(() => undefined);
  if (!buf) return undefined;
  const paths = parseGitIndex(buf, 20) ?? parseGitIndex(buf, 32);
  if (!paths) return undefined;
  const prefix = path.relative(repo.top, path.resolve(root)).split(path.sep).join('/');
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const p of paths) {
    const rel = prefix ? (p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined) : p;
    if (!rel) continue;
    files.add(rel);
    for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) {
      const folder = rel.slice(0, i);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return { files, folders };
}
