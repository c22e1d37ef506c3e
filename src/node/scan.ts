import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { detectKind } from '../core/detect';
import type { DirectionSetting } from '../core/direction';
import type { AnalysisError, AnalyzeOptions, AssessResult, FileAnalysis, FileKind, Unit } from '../core/types';
import { joinAnalyses } from '../core/workspace';
import { loadAnalyzer, saveAnalyzerCodeCache, setCodeCacheDir } from './analyzer';
import { AnalysisCache, contentHash } from './cache';
import { readTextFile, walkFiles } from './files';
import { MIN_FILES_FOR_WORKERS, WorkerFailure, WorkerPool } from './workers';

const CANDIDATE =
  /\.(?:[cm]?[jt]sx?|py|go|java|cs|tf|tfvars|ya?ml|json|template|tpl|proto|sh|bash)$|(?:^|\/)(?:[\w.-]*\.)?(?:Dockerfile|Containerfile)(?:[.-][\w.-]+)?$|(?:^|\/)(?:Procfile|Makefile|Jenkinsfile|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(?:\.kts)?)$/i;

export interface ScanOptions extends AnalyzeOptions {
  exclude?: string[];
  /** Which moves the join assesses (src/core/direction.ts); default both. */
  direction?: DirectionSetting;
  extraUnits?: Unit[];
  /**
   * Threads that analyse files. 1 (the default for library callers) analyses in this thread; more starts a worker
   * pool when at least MIN_FILES_FOR_WORKERS files need analysing, or always when `forceWorkers` is set.
   */
  jobs?: number;
  forceWorkers?: boolean;
  /** Folder of the analysis cache; undefined or false: no cache. */
  cacheDir?: string | false;
  /**
   * Folder of the analyser's V8 code cache (src/node/codeCache.ts), for this thread and the worker threads; false:
   * none, nothing written. Undefined leaves the process's setting (setCodeCacheDir) as it is.
   */
  codeCacheDir?: string | false;
  /** Non-fatal notes (an unreadable or unwritable cache). */
  onWarning?(message: string): void;
  /**
   * Texts to analyse instead of what is on disk, by path relative to the root (an editor's unsaved documents). They
   * are never cached: the cache describes files as they are on disk.
   */
  overrides?: ReadonlyMap<string, string>;
  /**
   * Called for each file the walk found but nothing analyses, with why: `type` (not a file kind LambdaShift reads),
   * `manifest` (package-lock.json, tsconfig.json…), `not-iac` (YAML/JSON that is no template, chart or manifest). Files
   * that could not be read are in the result's `errors`.
   */
  onSkip?(file: string, reason: SkipReason): void;
  /** Called as files are done (analysed, cached or skipped), with how many there are in all. */
  onProgress?(done: number, total: number, file: string): void;
  /** Polled between files; when it returns true the scan stops and rejects with ScanCancelled. */
  isCancelled?(): boolean;
}

export type SkipReason = 'type' | 'manifest' | 'not-iac';

/** Thrown by scanPaths when `isCancelled` said so. */
export class ScanCancelled extends Error {
  constructor() {
    super('scan cancelled');
  }
}

/** What the last scan did, for the benchmark and tests (cache hits, threads used). */
export interface ScanStats {
  cacheHits: number;
  analysed: number;
  /** Threads started. */
  workers: number;
  /** Analyses that came back from a thread (the rest of `analysed` ran in this thread). */
  threaded: number;
  cacheProblem?: string;
}

let lastStats: ScanStats = { cacheHits: 0, analysed: 0, workers: 0, threaded: 0 };
export function lastScanStats(): ScanStats {
  return lastStats;
}

/** Runs `fn` over items with at most `limit` calls in flight, keeping results in item order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Scans paths (folders or files) relative to `root`: walk, read, analyse each file (from the cache, in this thread
 * or in worker threads), join. One bad file becomes one error or parse-error finding and the scan goes on. The
 * result does not depend on `jobs` or on the cache: analyses are joined in walk order whoever computed them.
 */
export async function scanPaths(root: string, paths: string[], options: ScanOptions = {}): Promise<AssessResult> {
  const startedAt = Date.now();
  const errors: AnalysisError[] = [];
  const seen = new Set<string>();
  const targets: { abs: string; rel: string; raw?: Buffer }[] = [];
  let skipped = 0;
  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(root, p);
    // A file named on the command line (a pre-commit hook's or lint-staged's list) is analysed as it is.
    const isFile = (await fs.stat(abs).catch(() => undefined))?.isFile();
    const {
      files,
      errors: walkErrors,
      vendored,
    }: { files: { abs: string; raw?: Buffer }[]; errors: AnalysisError[]; vendored: number } = isFile
      ? { files: [{ abs }], errors: [], vendored: 0 }
      : await walkFiles(abs, options.exclude);
    skipped += vendored;
    errors.push(...walkErrors.map((e) => ({ ...e, file: toRel(root, path.join(abs, e.file)) })));
    for (const f of files) {
      const rel = toRel(root, f.abs);
      if (seen.has(rel)) continue;
      seen.add(rel);
      if (!CANDIDATE.test(rel) || /(^|\/)(package-lock|tsconfig|jsconfig)\.json$/.test(rel)) {
        skipped++;
        options.onSkip?.(rel, CANDIDATE.test(rel) ? 'manifest' : 'type');
        continue;
      }
      targets.push({ abs: f.abs, rel, raw: f.raw });
    }
  }
  const folders = new Map<string, Set<string>>();
  for (const t of targets) {
    const dir = path.dirname(t.abs);
    if (!folders.has(dir)) folders.set(dir, new Set());
    folders.get(dir)!.add(path.basename(t.abs));
  }
  // detectKind reads sibling names for YAML/JSON only (values.yaml beside Chart.yaml): that is the rest of a
  // cached kind's key.
  const folderSig = new Map<string, string>();
  const contextOf = (abs: string): string => {
    if (!/\.(?:ya?ml|json)$/i.test(abs)) return '';
    const dir = path.dirname(abs);
    let sig = folderSig.get(dir);
    if (sig === undefined) {
      sig = createHash('sha1')
        .update([...folders.get(dir)!].sort().join('\0'))
        .digest('hex')
        .slice(0, 16);
      folderSig.set(dir, sig);
    }
    return sig;
  };

  // Functions do not cross into worker threads: the rules' clock is added per thread (inProcess, worker.ts).
  const analysisOptions: AnalyzeOptions = { rules: options.rules, today: options.today, timeBudgetMs: RULE_TIME_BUDGET_MS };
  // LAMBDASHIFT_PREFILTER=off: every rule on every file, every JS/TS file converted to ESTree. The result is the same
  // (src/core/prefilter.ts); the benchmark uses it to show so on whole workspaces.
  if (process.env.LAMBDASHIFT_PREFILTER === 'off') analysisOptions.prefilter = false;
  const inProcessOptions: AnalyzeOptions = { ...analysisOptions, now: () => performance.now() };
  if (options.codeCacheDir !== undefined) setCodeCacheDir(options.codeCacheDir);
  const cache = options.cacheDir ? await AnalysisCache.open(options.cacheDir, analysisOptions, root) : undefined;
  if (cache?.loadProblem) options.onWarning?.(`${cache.loadProblem}; rebuilding it.`);
  // One stat per file up front, many in flight: the warm path then needs no reads at all for unchanged files.
  const stats: (Stats | undefined)[] = cache ? await mapLimit(targets, 64, (t) => fs.stat(t.raw ?? t.abs).catch(() => undefined)) : [];

  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  let pool: WorkerPool | undefined;
  const inProcess = async (text: string, rel: string, kind: FileKind): Promise<FileAnalysis> => {
    const core = loadAnalyzer();
    // tree-sitter (Python, Go, Java, C#) starts asynchronously, once per language; a failed load is reported per file
    // by the language's analysis, never fatal here.
    await core.ensureParsers(kind, text).catch(() => undefined);
    return core.analyzeFile(text, rel, inProcessOptions, kind);
  };

  const slots: (FileAnalysis | undefined)[] = new Array(targets.length);
  const running: Promise<void>[] = [];
  let analysed = 0;
  let threaded = 0;
  // Cache hits by (size, mtime) need no read; the others are read a few files ahead, so the disk works while the
  // parser does (in one thread, waiting for each read in turn left the core idle about 4 % of a cold scan).
  const statHits: (FileAnalysis | null | undefined)[] = new Array(targets.length);
  const statHit = (j: number): FileAnalysis | null => {
    let h = statHits[j];
    if (h === undefined) {
      const st = stats[j];
      h = statHits[j] = (cache && st && !options.overrides?.has(targets[j].rel) && cache.byStat(targets[j].rel, st, contextOf(targets[j].abs))) || null;
    }
    return h;
  };
  const reads: (ReturnType<typeof readTextFile> | undefined)[] = new Array(targets.length);
  const readAhead = (from: number) => {
    for (let j = from; j < Math.min(targets.length, from + READ_AHEAD); j++) {
      if (!reads[j] && !statHit(j) && !options.overrides?.has(targets[j].rel)) reads[j] = readTextFile(targets[j].raw ?? targets[j].abs);
    }
  };
  /** A file whose analysis failed outside analyzeFile's own boundary (a thread died on it, an unexpected throw). */
  const failed = (i: number, kind: FileKind, message: string): void => {
    slots[i] = {
      file: targets[i].rel,
      kind,
      findings: [],
      units: [],
      errors: [{ file: targets[i].rel, message }],
      imports: [],
      handlerExports: [],
      lineStarts: [0],
      skipped: true,
    };
  };
  try {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      if (options.isCancelled?.()) throw new ScanCancelled();
      options.onProgress?.(i, targets.length, t.rel);
      // The failure boundary of one file in this thread: reading, kind detection, cache and hand-off to a thread.
      // analyzeFile has its own; whatever still throws here costs this file only.
      let kind: FileKind = 'unknown';
      try {
        const st = stats[i];
        const context = contextOf(t.abs);
        const override = options.overrides?.get(t.rel);
        if (override !== undefined) {
          kind = detectKind(t.rel, override, folders.get(path.dirname(t.abs)));
          if (kind === 'unknown') {
            skipped++;
            options.onSkip?.(t.rel, 'not-iac');
          } else {
            analysed++;
            slots[i] = await inProcess(override, t.rel, kind);
          }
          continue;
        }
        const hit = statHit(i);
        if (hit) {
          if (hit.kind === 'unknown') {
            skipped++;
            options.onSkip?.(t.rel, 'not-iac');
          } else slots[i] = hit;
          continue;
        }
        readAhead(i);
        const read = await reads[i]!;
        reads[i] = undefined;
        if ('error' in read) {
          errors.push({ file: t.rel, message: read.error });
          skipped++;
          cache?.drop(t.rel);
          continue;
        }
        kind = detectKind(t.rel, read.text, folders.get(path.dirname(t.abs)));
        const hash = cache ? contentHash(t.rel, kind, read.text) : '';
        const stat = st ?? { size: Buffer.byteLength(read.text), mtimeMs: 0 };
        if (kind === 'unknown') {
          skipped++;
          options.onSkip?.(t.rel, 'not-iac');
          // Remembered too, so a warm scan need not re-read JSON/YAML files that are not IaC.
          if (cache && !cache.byHash(t.rel, hash, stat, context))
            cache.put(t.rel, hash, stat, context, { file: t.rel, kind, findings: [], units: [], errors: [], imports: [], handlerExports: [], lineStarts: [] });
          continue;
        }
        if (cache) {
          const hit = cache.byHash(t.rel, hash, stat, context);
          if (hit) {
            slots[i] = hit;
            continue;
          }
        }
        analysed++;
        const fileKind = kind;
        const remember = (a: FileAnalysis) => {
          slots[i] = a;
          // Internal errors (a crashing rule, the Python parser not loaded) are worth retrying next time.
          if (cache && a.errors.length === 0) cache.put(t.rel, hash, stat, context, a);
        };
        if (!pool && jobs > 1 && (options.forceWorkers || targets.length - i >= MIN_FILES_FOR_WORKERS)) {
          try {
            pool = new WorkerPool(jobs);
          } catch (e) {
            options.onWarning?.(`could not start analysis threads (${(e as Error).message}); analysing in one thread.`);
          }
        }
        if (pool) {
          await pool.ready();
          const text = read.text;
          // A file a thread died on is reported, not retried here (what killed a thread can kill this process);
          // the files queued behind it, and files a thread could not answer for, are analysed here instead.
          running.push(
            pool
              .analyze(text, t.rel, fileKind, analysisOptions)
              .then((a) => {
                threaded++;
                return a;
              })
              .catch((e: unknown) => (e instanceof WorkerFailure && e.culprit ? Promise.reject(e) : inProcess(text, t.rel, fileKind)))
              .then(remember, (e: unknown) => failed(i, fileKind, problemOf(e))),
          );
        } else {
          remember(await inProcess(read.text, t.rel, kind));
        }
      } catch (e) {
        if (e instanceof ScanCancelled) throw e;
        failed(i, kind, problemOf(e));
      }
    }
    await Promise.all(running);
    options.onProgress?.(targets.length, targets.length, '');
  } finally {
    await pool?.close();
  }
  const analyses = slots.filter((a): a is FileAnalysis => a !== undefined);
  lastStats = { cacheHits: cache?.hits ?? 0, analysed, workers: pool?.size ?? 0, threaded, cacheProblem: cache?.loadProblem };
  if (cache) {
    const problem = await cache.save();
    if (problem) options.onWarning?.(problem);
  }
  // Only if this thread loaded the analyser and found no usable code cache; its first use is behind it.
  const codeCacheProblem = saveAnalyzerCodeCache();
  if (codeCacheProblem) options.onWarning?.(`${codeCacheProblem}. The next start compiles the analyser again.`);
  // Every file seen, analysed or not: workloads written in languages not analysed yet still join to their sources.
  return joinAnalyses({
    analyses,
    skipped,
    errors,
    startedAt,
    extraUnits: options.extraUnits,
    files: [...seen],
    direction: options.direction,
    options: {
      rules: options.rules,
      today: options.today,
      // Construct instances are read with the analyser's parser, loaded only when a workspace has one (a warm re-scan
      // answered from the cache otherwise never loads it).
      readConstruct: (...args) => loadAnalyzer().readConstructInstance(...args),
    },
  });
}

/** Files read ahead of the one being analysed. */
const READ_AHEAD = 4;

/**
 * The folder that finding and unit paths are relative to: the folder given, a file's folder, or for several paths
 * their deepest common folder; the current folder when no path is given. `paths` are relative to `cwd`.
 */
export async function scanRoot(cwd: string, paths: string[]): Promise<{ root: string; paths: string[] }> {
  if (!paths.length) return { root: cwd, paths: [] };
  const abs = paths.map((p) => path.resolve(cwd, p));
  const folders = await Promise.all(abs.map(async (a) => ((await fs.stat(a).catch(() => undefined))?.isFile() ? path.dirname(a) : a)));
  let root = folders[0];
  for (const f of folders.slice(1)) {
    while (root !== path.dirname(root) && path.relative(root, f).startsWith('..')) root = path.dirname(root);
  }
  return { root, paths: abs.map((a) => path.relative(root, a) || '.') };
}

/**
 * Per file, the time after which the remaining rules are skipped (checked between rules; a thread that runs past
 * FILE_TIME_LIMIT_MS is stopped outright).
 */
const RULE_TIME_BUDGET_MS = 30_000;

/** The error message of a file whose analysis failed outside analyzeFile. */
function problemOf(e: unknown): string {
  if (e instanceof WorkerFailure) return e.message;
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return 'too deeply nested to analyse (ran out of stack); not analysed. If the file is generated, exclude it (.lambdashiftignore or --exclude).';
  return `could not be analysed: ${(e as Error)?.message ?? String(e)}. The rest of the workspace was analysed; please report this with the file.`;
}

export function toRel(root: string, abs: string): string {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}
