// Loads a large CommonJS bundle (dist/analyzer.js: the rules plus the TypeScript compiler) with a V8 code cache, so a
// fresh process does not compile megabytes of JavaScript again before its first analysis.
//
// The bundle is compiled through node:vm's Script with `cachedData`, and the cache is produced by the caller after the
// first analysis has run (`save()`): V8 compiles most functions lazily, on their first call, so a cache taken right
// after loading (what Node's own compile cache, module.enableCompileCache, stores) holds little more than the top-level
// code. Measured on Node 24 with the first analysis in the cache: 250 ms against 330 ms for enableCompileCache and
// 450 ms without a cache; Node 20 has no enableCompileCache at all. The same path therefore serves every Node version.
//
// The bundle must not call import(): on Node 20, code V8 takes from a cache loses the script's dynamic-import callback
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on the second run only), so esbuild.mjs compiles the analyser's import()
// calls (web-tree-sitter loads node:fs/promises so) into require.
//
// The cache is an optimisation and never a reason to fail: whatever goes wrong (no folder, an unreadable, corrupt or
// foreign cache file, V8 rejecting the data) ends in V8 compiling the source as it would without a cache, or in a plain
// `require`. The file is keyed by the bundle's path, size and mtime and by the Node version, architecture and V8
// version, carries a checksum of its payload, and is written atomically.
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Bump when the file layout below changes. */
const FORMAT = 1;
const MAGIC = `LSCC${FORMAT} `;
/** Magic, a sha256 of the payload in hex, a newline; then V8's cached data. */
const HEADER_BYTES = MAGIC.length + 64 + 1;

/**
 * How the module was loaded: `off` (no cache folder: plain require), `loaded` (already in require.cache), `missing`
 * (no cache yet), `accepted` (V8 used the cache), `rejected` (V8 refused it: another build of Node or V8),
 * `invalid` (not a cache file of ours, or damaged), `unsupported` (compiling through node:vm failed; plain require).
 */
export type CodeCacheStatus = 'off' | 'loaded' | 'missing' | 'accepted' | 'rejected' | 'invalid' | 'unsupported';

export interface CachedModule<T> {
  exports: T;
  status: CodeCacheStatus;
  /** For `loaded`: how the module was loaded by whoever loaded it first (another bundle's copy of this loader). */
  firstLoad?: CodeCacheStatus;
  /** The cache file this process reads and writes; undefined without a cache folder. */
  file?: string;
  /**
   * Writes the code cache when there was none usable (missing, rejected, invalid), once. Call it after the module's
   * first real use, so that the functions compiled for it are in the cache. Returns a problem message, never throws.
   */
  save(): string | undefined;
}

interface ModuleInternals {
  _nodeModulePaths?(dir: string): string[];
}

const noSave = (): undefined => undefined;

/** Each bundle (extension.js, scanner.js) carries its own copy of this file: the status travels on the module. */
const STATUS = Symbol.for('lambdashift.codeCacheStatus');
type Tagged = NodeJS.Module & { [STATUS]?: CodeCacheStatus };

/** The cache file's name for `file` in `dir`: bundle name, then a key over the bundle's identity and the runtime. */
function cacheFileFor(file: string, dir: string): string {
  const st = statSync(file);
  const key = createHash('sha256')
    .update([FORMAT, file, st.size, st.mtimeMs, process.version, process.arch, process.versions.v8].join('|'))
    .digest('hex')
    .slice(0, 16);
  return path.join(dir, `${path.basename(file, '.js')}-${key}.v8cache`);
}

/** The cached data in `cacheFile`, or why there is none. */
function readCache(cacheFile: string): Buffer | 'missing' | 'invalid' {
  let raw: Buffer;
  try {
    raw = readFileSync(cacheFile);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'invalid';
  }
  if (raw.length <= HEADER_BYTES || raw.toString('latin1', 0, MAGIC.length) !== MAGIC) return 'invalid';
  const payload = raw.subarray(HEADER_BYTES);
  const sum = raw.toString('latin1', MAGIC.length, HEADER_BYTES - 1);
  // V8 checks the version and the source length itself but, outside debug builds, not the payload's integrity.
  return createHash('sha256').update(payload).digest('hex') === sum ? payload : 'invalid';
}

function writeCache(cacheFile: string, data: Buffer): void {
  const dir = path.dirname(cacheFile);
  mkdirSync(dir, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${createHash('sha256').update(data).digest('hex')}\n`, 'latin1'), data]));
    renameSync(tmp, cacheFile);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  // Caches of earlier builds of the bundle or other Node versions beside it: one file per bundle is enough.
  const prefix = `${path.basename(cacheFile).replace(/-[0-9a-f]+\.v8cache$/, '')}-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && /-[0-9a-f]{16}\.v8cache$/.test(name) && path.join(dir, name) !== cacheFile) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * `require(file)` through a V8 code cache kept in `cacheDir` (a folder the caller owns: the CLI's cache folder, the
 * extension's global storage). Without a folder (`--no-cache`) it is a plain require and nothing is written. The module
 * is registered in require.cache like any other, so a later plain require of the same file gets the same exports.
 */
export function requireWithCodeCache<T>(file: string, cacheDir: string | false | undefined): CachedModule<T> {
  const abs = path.resolve(file);
  const already = require.cache[abs];
  if (already?.loaded) return { exports: already.exports as T, status: 'loaded', firstLoad: (already as Tagged)[STATUS], save: noSave };
  if (!cacheDir) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { exports: require(abs) as T, status: 'off', save: noSave };
  }

  let cacheFile: string;
  let script: vm.Script;
  let status: CodeCacheStatus;
  let wrapped: (...args: unknown[]) => void;
  try {
    cacheFile = cacheFileFor(abs, cacheDir);
    const cached = readCache(cacheFile);
    const bytes = readFileSync(abs);
    // Pure ASCII (esbuild.mjs keeps dist/analyzer.js so) decodes as Latin-1 into V8's compact one-byte string, several
    // times faster than UTF-8 decoding; anything else is decoded as UTF-8 as require does.
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    // Node's own CommonJS wrapper, on the first line so line numbers in stack traces stay those of the file.
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source.replace(/^#!.*/, '')}\n});`, {
      filename: abs,
      cachedData: typeof cached === 'string' ? undefined : cached,
    });
    status = typeof cached === 'string' ? cached : script.cachedDataRejected ? 'rejected' : 'accepted';
    wrapped = script.runInThisContext() as typeof wrapped;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { exports: require(abs) as T, status: 'unsupported', save: noSave };
  }

  const dir = path.dirname(abs);
  const mod = new Module(abs, module);
  mod.filename = abs;
  mod.paths = (Module as unknown as ModuleInternals)._nodeModulePaths?.(dir) ?? [];
  require.cache[abs] = mod;
  try {
    wrapped.call(mod.exports, mod.exports, createRequire(abs), mod, abs, dir);
  } catch (e) {
    // As require does: a module whose top level threw is not cached.
    delete require.cache[abs];
    throw e;
  }
  mod.loaded = true;
  (mod as Tagged)[STATUS] = status;

  let saved = status === 'accepted';
  return {
    exports: mod.exports as T,
    status,
    file: cacheFile,
    save() {
      if (saved) return undefined;
      saved = true;
      try {
        writeCache(cacheFile, script.createCachedData());
        return undefined;
      } catch (e) {
        return `could not write the code cache ${cacheFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      }
    },
  };
}
