// Per-file analysis cache for the CLI. `analyzeFile` is pure in (text, file, options, kind), so a file whose content,
// path, kind and analysis configuration are unchanged gets its earlier FileAnalysis back without parsing.
//
// One file per configuration (`analyses-<key>.bin`, v8-serialised): one read and one deserialise for a whole
// workspace is what makes a warm 10k-file scan fit in a couple of seconds; one small file per source file would not.
// Line starts are stored as Uint32Array (raw bytes in the v8 format), up to the last line a finding names, so the join
// can turn offsets into positions without reading the source again.
//
// Like git's index, an entry remembers the size and mtime its content hash was taken at. A file whose stat still
// matches is trusted without reading it, except when its mtime is too close to the moment the entry was recorded
// (a write within the same clock tick could keep size and mtime equal); those are re-read and re-hashed.
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { AnalyzeOptions, FileAnalysis, FileKind } from '../core/types';
import { joinLineStarts } from '../core/join/offsets';
import { VERSION } from '../core/version';

/** Bump when the stored shape changes; old files are then ignored and overwritten. */
const CACHE_FORMAT = 1;

/** mtimes closer than this to the recording time are not trusted (coarse file-system clocks, same-tick writes). */
const RACY_MS = 2000;

/** Cache files of other configurations (rule overrides, earlier evaluation dates) kept beside the current one. */
const KEEP_OTHER_CONFIGS = 3;

/** Entries kept for files a scan did not visit (another folder of the same root); beyond this the oldest go. */
const MAX_UNVISITED = 50_000;

export interface CacheEntry {
  /** sha1 of path, kind and content. */
  hash: string;
  size: number;
  mtimeMs: number;
  /** When the hash was taken (ms since epoch). */
  at: number;
  kind: FileKind;
  /** Signature of what detectKind saw besides the text (sibling names, for YAML/JSON). */
  context: string;
  analysis: Omit<FileAnalysis, 'lineStarts'>;
  lineStarts: Uint32Array;
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, CacheEntry>;
}

export interface StatLike {
  size: number;
  mtimeMs: number;
}

/**
 * Identifies the analysing code beyond its version number: the size and mtime of this bundle and of the analyser
 * bundle beside it (dist/analyzer.js, which holds the rules), so a rebuilt development bundle (rules changed, version
 * not bumped) never reuses results of the old rules. Empty when running from source.
 */
function buildId(): string {
  if (__filename.endsWith('.ts')) return '';
  return [__filename, path.join(path.dirname(__filename), 'analyzer.js')]
    .map((f) => {
      try {
        const st = statSync(f);
        return `${st.size}:${st.mtimeMs}`;
      } catch {
        return '-';
      }
    })
    .join('/');
}

/** The part of the configuration that can change a file's analysis, plus the tool version and build. */
/**
 * One cache file per configuration and scanned root: analyses name their files relative to the root, so `app.ts`
 * scanned from two roots is two different files.
 */
export function configKey(options: AnalyzeOptions, root = ''): string {
  const rules = Object.entries(options.rules ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha1')
    .update(JSON.stringify({ format: CACHE_FORMAT, version: VERSION, build: buildId(), rules, today: options.today ?? null, root }))
    .digest('hex')
    .slice(0, 16);
}

export function contentHash(file: string, kind: FileKind, text: string): string {
  return createHash('sha1').update(file).update('\0').update(kind).update('\0').update(text).digest('hex');
}

/** `<root>/node_modules/.cache/lambdashift` when the root is a Node project (has package.json or node_modules). */
export async function defaultCacheDir(root: string): Promise<string | undefined> {
  for (const marker of ['node_modules', 'package.json']) {
    try {
      await fs.stat(path.join(root, marker));
      return path.join(root, 'node_modules', '.cache', 'lambdashift');
    } catch {
      // not a Node project root; try the next marker
    }
  }
  return undefined;
}

export class AnalysisCache {
  private entries: Record<string, CacheEntry> = {};
  private readonly visited = new Set<string>();
  private dirty = false;
  /** Why the stored cache was not used, if it was unreadable (for --verbose style diagnostics and tests). */
  loadProblem?: string;
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    readonly key: string,
  ) {}

  /** Opens the cache for `options` under `dir`. A missing, unreadable or corrupt file gives an empty cache. */
  static async open(dir: string, options: AnalyzeOptions, root = ''): Promise<AnalysisCache> {
    const key = configKey(options, root);
    const cache = new AnalysisCache(path.join(dir, `analyses-${key}.bin`), key);
    let buf: Buffer;
    try {
      buf = await fs.readFile(cache.file);
    } catch {
      return cache;
    }
    try {
      const data = v8.deserialize(buf) as CacheFile;
      if (!data || data.format !== CACHE_FORMAT || data.key !== key || typeof data.entries !== 'object' || data.entries === null) {
        throw new Error('format or key mismatch');
      }
      cache.entries = data.entries;
    } catch (e) {
      cache.loadProblem = `ignored unreadable cache ${cache.file}: ${(e as Error).message}`;
      cache.dirty = true;
    }
    return cache;
  }

  /**
   * The cached analysis when `stat` matches a trusted entry (no read needed), `undefined` when the file must be read.
   */
  byStat(rel: string, stat: StatLike, context: string): FileAnalysis | undefined {
    const e = this.entries[rel];
    if (!isEntry(e) || e.context !== context || e.size !== stat.size || e.mtimeMs !== stat.mtimeMs) return undefined;
    if (Math.abs(e.at - stat.mtimeMs) < RACY_MS) return undefined;
    return this.hit(rel, e);
  }

  /** The cached analysis when the content hash matches, refreshing the entry's stat. */
  byHash(rel: string, hash: string, stat: StatLike, context: string): FileAnalysis | undefined {
    const e = this.entries[rel];
    if (!isEntry(e) || e.hash !== hash || e.context !== context) return undefined;
    if (e.size !== stat.size || e.mtimeMs !== stat.mtimeMs || Math.abs(e.at - stat.mtimeMs) < RACY_MS) {
      this.entries[rel] = { ...e, size: stat.size, mtimeMs: stat.mtimeMs, at: Date.now() };
      this.dirty = true;
    }
    return this.hit(rel, e);
  }

  private hit(rel: string, e: CacheEntry): FileAnalysis {
    this.visited.add(rel);
    this.hits++;
    // The join mutates units (codeFile, readiness), never findings or line starts: copy the units only, so the
    // entry written back stays as analysed.
    return { ...e.analysis, units: structuredClone(e.analysis.units), lineStarts: e.lineStarts };
  }

  put(rel: string, hash: string, stat: StatLike, context: string, analysis: FileAnalysis): void {
    const { lineStarts: _all, ...rest } = analysis;
    this.visited.add(rel);
    this.misses++;
    // The join needs line starts only to place what it reports: keep those (joinLineStarts), which halves the cache of
    // a typical workspace.
    const kept = joinLineStarts(analysis);
    this.entries[rel] = {
      hash,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      at: Date.now(),
      kind: analysis.kind,
      context,
      analysis: structuredClone(rest),
      lineStarts: kept,
    };
    this.dirty = true;
  }

  /** Forgets a visited file that could not be analysed (unreadable now). */
  drop(rel: string): void {
    if (rel in this.entries) {
      delete this.entries[rel];
      this.dirty = true;
    }
  }

  /**
   * Writes the cache when something changed (atomically: temp file + rename, so a crash never leaves half a file).
   * Failures are reported to the caller as a message, never thrown: a scan must not fail because its cache did.
   */
  async save(): Promise<string | undefined> {
    if (!this.dirty) return undefined;
    const unvisited = Object.keys(this.entries).filter((k) => !this.visited.has(k));
    if (unvisited.length > MAX_UNVISITED) {
      unvisited.sort((a, b) => this.entries[a].at - this.entries[b].at);
      for (const k of unvisited.slice(0, unvisited.length - MAX_UNVISITED)) delete this.entries[k];
    }
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const data: CacheFile = { format: CACHE_FORMAT, key: this.key, entries: this.entries };
      await fs.writeFile(tmp, v8.serialize(data));
      await fs.rename(tmp, this.file);
      this.dirty = false;
      await this.pruneOthers();
      return undefined;
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      return `could not write the analysis cache ${this.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. The next scan will analyse every file again; pass --cache-dir or --no-cache.`;
    }
  }

  /**
   * Deletes the cache files of other configurations beyond the newest few. The evaluation date is part of the key, so
   * without this a folder would gain one file a day. Best effort: a file that cannot be deleted stays.
   */
  private async pruneOthers(): Promise<void> {
    const dir = path.dirname(this.file);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const others: { file: string; mtimeMs: number }[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      if (!/^analyses-[0-9a-f]+\.bin$/.test(name) || file === this.file) continue;
      const st = await fs.stat(file).catch(() => undefined);
      if (st) others.push({ file, mtimeMs: st.mtimeMs });
    }
    others.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const o of others.slice(KEEP_OTHER_CONFIGS)) await fs.rm(o.file, { force: true }).catch(() => undefined);
  }
}

function isEntry(e: unknown): e is CacheEntry {
  if (!e || typeof e !== 'object') return false;
  const c = e as CacheEntry;
  return (
    typeof c.hash === 'string' &&
    typeof c.size === 'number' &&
    typeof c.mtimeMs === 'number' &&
    c.lineStarts instanceof Uint32Array &&
    !!c.analysis &&
    Array.isArray(c.analysis.findings)
  );
}
