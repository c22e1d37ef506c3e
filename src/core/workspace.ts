import { toContractFinding } from './position';
import { splitHandler } from './model/cloudformation';
import { computeReadiness } from './report/verdict';
import { redactUnit } from './secrets';
import type { AnalysisError, AssessResult, FileAnalysis, Finding, Unit } from './types';
import { VERSION } from './version';
import { inFolders, webAdapterFolders } from './webAdapter';

const CODE_EXTS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx', '.py'];

/** POSIX-style path join + normalisation on forward-slash relative paths. */
export function joinPath(...parts: string[]): string {
  const segs: string[] = [];
  for (const part of parts) {
    for (const s of part.replace(/\\/g, '/').split('/')) {
      if (s === '' || s === '.') continue;
      if (s === '..') {
        if (segs.length && segs[segs.length - 1] !== '..') segs.pop();
        else segs.push('..');
      } else segs.push(s);
    }
  }
  return segs.join('/');
}

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i >= 0 ? file.slice(0, i) : '';
}

/** Finds a code file among `known` for a module path without extension (or with a JS extension written for TS). */
export function resolveModuleFile(base: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(base)) return base;
  const stripped = base.replace(/\.(m?js|cjs)$/, '');
  for (const ext of CODE_EXTS) if (known.has(stripped + ext)) return stripped + ext;
  for (const ext of CODE_EXTS) if (known.has(`${base}/index${ext}`)) return `${base}/index${ext}`;
  return undefined;
}

/** Resolves a Lambda unit's handler to a code file in the workspace (SAM CodeUri + Handler, esbuild EntryPoints…). */
export function resolveHandlerFile(unit: Unit, known: ReadonlySet<string>): string | undefined {
  if (!unit.handler) return undefined;
  const split = splitHandler(unit.handler);
  if (!split) return undefined;
  const root = joinPath(dirOf(unit.file), unit.codeUri ?? '');
  for (const ep of unit.entryPoints ?? []) {
    const f = resolveModuleFile(joinPath(root, ep), known);
    if (f) return f;
  }
  // Python handlers name modules with dots (`pkg.mod.handler`).
  const candidates = [split.modulePath, split.modulePath.replace(/\./g, '/')];
  for (const c of candidates) {
    const f = resolveModuleFile(joinPath(root, c), known);
    if (f) return f;
  }
  // Terraform zips and CDK assets point at build output or at paths relative to the app root, not this file: accept a
  // file with the handler's module path under the project folder when exactly one matches.
  if (unit.source === 'terraform' || unit.source === 'cdk') {
    const project = dirOf(dirOf(unit.file));
    const tail = '/' + split.modulePath.replace(/^\.\//, '');
    const base = tail.slice(tail.lastIndexOf('/') + 1);
    const hits = (byBaseName(known).get(base) ?? []).filter((k) => (project === '' || k.startsWith(project + '/')) && CODE_EXTS.some((ext) => ('/' + k).endsWith(tail + ext)));
    if (hits.length === 1) return hits[0];
  }
  return undefined;
}

const baseNameIndex = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** Code files by base name without extension, built once per set of known files (large workspaces have many units). */
function byBaseName(known: ReadonlySet<string>): Map<string, string[]> {
  let index = baseNameIndex.get(known);
  if (!index) {
    index = new Map();
    for (const k of known) {
      const name = k.slice(k.lastIndexOf('/') + 1);
      const dot = name.lastIndexOf('.');
      const stem = dot > 0 ? name.slice(0, dot) : name;
      const list = index.get(stem);
      if (list) list.push(k);
      else index.set(stem, [k]);
    }
    baseNameIndex.set(known, index);
  }
  return index;
}

/** Files reachable from `entry` through relative imports. */
function reachable(entry: string, byFile: Map<string, FileAnalysis>, known: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const f = queue.shift()!;
    const a = byFile.get(f);
    if (!a) continue;
    for (const spec of a.imports) {
      const target = resolveModuleFile(joinPath(dirOf(f), spec), known);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Fields that exist for positions and the join only; never printed. */
export function publicUnit(u: Unit): Unit {
  const { range: _r, fieldRanges: _f, codeUri: _c, entryPoints: _e, ...rest } = u;
  return rest as Unit;
}

export interface JoinInput {
  analyses: FileAnalysis[];
  /** Files seen but not analysed (unknown kinds, ignored), for stats. */
  skipped?: number;
  errors?: AnalysisError[];
  startedAt?: number;
  extraUnits?: Unit[];
  now?: () => number;
}

/**
 * Joins per-file analyses into one assessment: units get their code files, code findings get their unit and the
 * unit's configured timeout, duration-bound findings are kept only when they exceed it, and verdicts are computed.
 */
export function joinAnalyses(input: JoinInput): AssessResult {
  const { analyses } = input;
  const byFile = new Map(analyses.map((a) => [a.file, a]));
  const known = new Set(byFile.keys());
  // File analyses come masked from analyzeFile; units from elsewhere (AWS inventory) are masked on the way in.
  const units = analyses.flatMap((a) => a.units).concat((input.extraUnits ?? []).map(redactUnit));
  const unitsByFile = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.kind !== 'lambda-function') continue;
    const codeFile = u.codeFile ?? resolveHandlerFile(u, known);
    if (!codeFile) continue;
    u.codeFile = codeFile;
    for (const f of reachable(codeFile, byFile, known)) {
      const list = unitsByFile.get(f) ?? [];
      list.push(u);
      unitsByFile.set(f, list);
    }
  }
  const findings: Finding[] = [];
  const behindAdapter = webAdapterFolders(units);
  for (const a of analyses) {
    const owners = unitsByFile.get(a.file) ?? [];
    // Behind Lambda Web Adapter, listening on a port is how the function gets its requests (src/core/webAdapter.ts).
    const adapted = behindAdapter.length > 0 && inFolders(a.file, behindAdapter);
    // IaC findings belong to the unit whose declaration contains them.
    const unitAt = (offset: number) =>
      a.units.find((u) => [u.range, ...Object.values(u.fieldRanges ?? {})].some((r) => r && offset >= r[0] && offset <= r[1]));
    for (const raw of a.findings) {
      if (adapted && raw.category === 'listening-server' && raw.direction === 'to-lambda') continue;
      const owner = owners[0];
      let message = raw.message;
      if (raw.minDurationSeconds !== undefined) {
        const limit = owners.length ? Math.min(...owners.map((o) => o.timeoutSeconds ?? 3)) : 900;
        if (raw.minDurationSeconds <= limit) continue;
      }
      if (raw.mentions === 'timeout' && owner?.timeoutSeconds !== undefined) {
        message += ` (${owner.name} is configured with a ${owner.timeoutSeconds} s timeout.)`;
      } else if (raw.mentions === 'memory' && owner?.memoryMB !== undefined) {
        message += ` (${owner.name} is configured with ${owner.memoryMB} MB.)`;
      }
      const unitName = raw.unit ?? owner?.name ?? unitAt(raw.start)?.name;
      findings.push(toContractFinding({ ...raw, message }, a.file, a.lineStarts, unitName));
    }
  }
  findings.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId)));
  const nameCount = new Map<string, number>();
  for (const u of units) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
  // Group once: computeReadiness only looks at a unit's own findings, and filtering all findings per unit is quadratic.
  const byUnit = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.unit === undefined) continue;
    const list = byUnit.get(f.unit);
    if (list) list.push(f);
    else byUnit.set(f.unit, [f]);
  }
  for (const u of units) u.readiness = computeReadiness(u, byUnit.get(u.name) ?? [], nameCount.get(u.name));
  const errors = [...(input.errors ?? []), ...analyses.flatMap((a) => a.errors)];
  const now = input.now ?? Date.now;
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: VERSION },
    findings,
    units: units.map(publicUnit).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    errors,
    stats: {
      files: analyses.length + (input.skipped ?? 0),
      analyzed: analyses.filter((a) => a.kind !== 'unknown' && !a.skipped).length,
      skipped: (input.skipped ?? 0) + analyses.filter((a) => a.kind === 'unknown' || a.skipped).length,
      ms: input.startedAt !== undefined ? Math.round(now() - input.startedAt) : 0,
    },
  };
}

