import { belongsTo } from '../identity';
import type { Category, DecidingReason, Finding, Readiness, Severity, Unit, UnitEvent, Verdict } from '../types';

/** Effort weights per finding severity; see docs/readiness.md. */
const EFFORT_WEIGHTS = { error: 8, warning: 3, info: 1 } as const;

/** Effort size from points: S < 3 ≤ M < 10 ≤ L < 20 ≤ XL. */
export function effortSize(points: number): 'S' | 'M' | 'L' | 'XL' {
  return points < 3 ? 'S' : points < 10 ? 'M' : points < 20 ? 'L' : 'XL';
}

/** The move a unit is assessed for. */
function directionOf(unit: Pick<Unit, 'kind'>): 'to-kubernetes' | 'to-lambda' {
  return unit.kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
}

/**
 * Categories that never block a move, whatever their severity: a deprecated Lambda runtime is a reason to leave
 * Lambda, and moving to a container is one way out of it — an upgrade to make, not a redesign (docs/readiness.md).
 */
const VERDICT_CAPS: Record<'to-kubernetes' | 'to-lambda', Partial<Record<Category, Verdict>>> = {
  'to-kubernetes': { 'deprecated-runtime': 'changes' },
  'to-lambda': {},
};

const LEVEL: Record<Severity, Verdict> = { error: 'blocked', warning: 'changes', info: 'ready' };
const RANK: Record<Verdict, number> = { blocked: 2, changes: 1, ready: 0 };
const POINTS: Record<Verdict, number> = { blocked: EFFORT_WEIGHTS.error, changes: EFFORT_WEIGHTS.warning, ready: EFFORT_WEIGHTS.info };

/** What one finding means for the move: blocked (redesign), changes (code/config changes) or ready (a note). */
export function verdictOfFinding(f: Pick<Finding, 'severity' | 'category'>, dir: 'to-kubernetes' | 'to-lambda'): Verdict {
  const level = LEVEL[f.severity];
  const cap = VERDICT_CAPS[dir][f.category];
  return cap && RANK[cap] < RANK[level] ? cap : level;
}

function relevant(unit: Pick<Unit, 'kind'>, findings: readonly Finding[]): Finding[] {
  const dir = directionOf(unit);
  return findings.filter((f) => f.direction === dir || f.direction === 'both');
}

/**
 * Readiness of one unit from its own findings (the join groups them by unit identity): the most severe finding in
 * the unit's direction decides — blocked, changes or ready — after VERDICT_CAPS. Effort is the sum of 8 per
 * blocking, 3 per changes and 1 per informational finding, mapped to S/M/L/XL. Documented in docs/readiness.md.
 */
/** Services that invoke only Lambda functions, as their findings name them (the IaC caller, the code's event type). */
const LAMBDA_ONLY_CAUSES: [RegExp, string][] = [
  [/Cognito/, 'cognito'],
  [/Firehose/, 'firehose'],
  [/\bLex\b/, 'lex'],
  [/Secrets Manager rotation/, 'rotation'],
  [/S3 Object Lambda/, 'object-lambda'],
  [/AWS Config/, 'config'],
  [/Lambda@Edge|CloudFront/, 'edge'],
  [/custom resource/, 'custom-resource'],
];

/**
 * One cause several findings state: serving gRPC (the code's server, the manifest's gRPC port or probe, the .proto the
 * image serves), being called by a service that calls only Lambda (the IaC caller and the handler's event type), or a
 * program that only polls the Lambda Runtime API (the runtime, the Rust crate, Go's `lambda.Start`).
 */
function causeOf(f: Finding): string | undefined {
  if (f.category === 'listening-server' && /\bgRPC\b/.test(f.message)) return 'grpc';
  // A bootstrap that polls the Runtime API: the runtime's (iac/pod-entry-point), the crate's, Go's lambda.Start call.
  if (f.ruleId === 'iac/pod-entry-point' || f.ruleId === 'build/rust-lambda-runtime') return 'runtime-api';
  if (f.ruleId === 'go/runtime-coupling' && /serves Lambda's Runtime API only/.test(f.message)) return 'runtime-api';
  if (f.category === 'event-source' && f.severity === 'error') {
    const only = LAMBDA_ONLY_CAUSES.find(([re]) => re.test(f.message));
    if (only) return `lambda-only:${only[1]}`;
  }
  return undefined;
}

export function readinessOf(unit: Unit, own: readonly Finding[]): Readiness {
  const dir = directionOf(unit);
  let verdict: Verdict = 'ready';
  let points = 0;
  // The same finding in several of the unit's files (a library each module imports, said word for word) is one change
  // to make, so it counts once toward the effort.
  // So is one cause however many places say so (causeOf): counted once, at its heaviest.
  const counted = new Set<string>();
  const causes = new Map<string, number>();
  for (const f of relevant(unit, own)) {
    const v = verdictOfFinding(f, dir);
    if (RANK[v] > RANK[verdict]) verdict = v;
    const cause = causeOf(f);
    if (cause) {
      causes.set(cause, Math.max(causes.get(cause) ?? 0, POINTS[v]));
      continue;
    }
    const key = `${f.ruleId}\u0000${f.severity}\u0000${f.message}`;
    if (counted.has(key)) continue;
    counted.add(key);
    points += POINTS[v];
  }
  for (const p of causes.values()) points += p;
  const effort = effortSize(points);
  return unit.kind === 'lambda-function' ? { toKubernetes: verdict, effort, effortPoints: points } : { toLambda: verdict, effort, effortPoints: points };
}

/**
 * Readiness from a list that may hold other units' findings: those named for this unit count (and, when several
 * units share the name, only those in the unit's own files). Prefer readinessOf with the join's grouping.
 */
export function computeReadiness(unit: Unit, findings: Finding[], sameName = 1): Readiness {
  return readinessOf(
    unit,
    findings.filter((f) => ownsFinding(unit, f, sameName > 1)),
  );
}

/**
 * Whether a finding belongs to a unit, for callers holding a finished result: by the identities the join stamped on
 * it (src/core/identity.ts); for findings without them, by name, and when two units share a name (`ambiguous`), only
 * findings in the unit's own files are its.
 */
export function ownsFinding(unit: Unit, f: Finding, ambiguous: boolean): boolean {
  return belongsTo(unit, f, ambiguous);
}

/** A finding's message cut to its first sentence, for verdict reasons. */
function shortMessage(message: string, max = 160): string {
  const m = /^(.+?[.!?])(?:\s|$)/.exec(message);
  const first = (m ? m[1] : message).trim();
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

/** Code files before IaC, so a reason points at what the service does rather than how it is declared; then the unit's own file. */
function areaRank(f: Finding, unit: Unit): number {
  return /^(handler|python|go|java|csharp|coupling)\//.test(f.ruleId) ? 0 : /^build\//.test(f.ruleId) ? 1 : f.file === unit.file ? 2 : 3;
}

/** How many findings a verdict lists as its reasons. */
const MAX_REASONS = 3;

/**
 * The top reasons behind a unit's verdict: the findings at the verdict's level (most decisive first: code, then
 * build, then manifests), and a note when the code could not be read (a verdict from manifests only).
 */
export function decidingReasons(unit: Unit, own: readonly Finding[], note?: string): DecidingReason[] {
  const dir = directionOf(unit);
  const verdict = (dir === 'to-kubernetes' ? unit.readiness.toKubernetes : unit.readiness.toLambda) ?? 'ready';
  const top = relevant(unit, own)
    .filter((f) => verdict !== 'ready' && verdictOfFinding(f, dir) === verdict)
    .sort((a, b) => areaRank(a, unit) - areaRank(b, unit) || a.file.localeCompare(b.file) || a.line - b.line)
    .slice(0, MAX_REASONS);
  const out: DecidingReason[] = top.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: shortMessage(f.message), file: f.file, line: f.line }));
  if (note) out.push({ message: note });
  return out;
}

/** Blocking findings of a unit in its direction (for the CodeLens summary). */
export function blockerCount(unit: Unit, findings: readonly Finding[]): number {
  const dir = directionOf(unit);
  return findings.filter((f) => ownsFinding(unit, f, false) && (f.direction === dir || f.direction === 'both') && verdictOfFinding(f, dir) === 'blocked')
    .length;
}

function eventText(e: UnitEvent): string {
  return e.detail ? `${e.type} ${e.detail}` : e.type;
}

/** One-line unit summary for editors: `Lambda · 900 s · 1024 MB · schedule rate(1 hour) — 2 blockers`. */
export function unitSummary(u: Unit, findings: readonly Finding[]): string {
  const parts: string[] = [];
  if (u.kind === 'lambda-function') {
    parts.push('Lambda');
    if (u.timeoutSeconds !== undefined) parts.push(`${u.timeoutSeconds} s`);
    if (u.memoryMB !== undefined) parts.push(`${u.memoryMB} MB`);
  } else {
    parts.push(`Kubernetes ${u.workloadKind ?? 'workload'}`);
    if (u.activeDeadlineSeconds !== undefined) parts.push(`${u.activeDeadlineSeconds} s deadline`);
    if (u.replicas !== undefined) parts.push(`${u.replicas} replicas`);
  }
  const first = u.events[0];
  if (first) parts.push(eventText(first).slice(0, 60) + (u.events.length > 1 ? ` +${u.events.length - 1}` : ''));
  const n = blockerCount(u, findings);
  const verdict = u.kind === 'lambda-function' ? u.readiness?.toKubernetes : u.readiness?.toLambda;
  let tail = n ? `${n} blocker${n === 1 ? '' : 's'}` : verdict === 'changes' ? 'changes needed' : verdict === 'ready' ? 'ready' : '';
  const reason = topReason(u);
  if (tail && reason) tail += `: ${reason}`;
  return parts.join(' · ') + (tail ? ` — ${tail}` : '');
}

/** The first clause of the unit's top reason, short enough for a table cell or a CodeLens. */
export function topReason(u: Unit, max = 60): string | undefined {
  const r = u.decidedBy?.[0];
  if (!r) return undefined;
  // The first clause; a parenthesis ends it only once the clause says something (`server.start()` (gRPC server) …).
  // Code in backticks is never cut (`event.get("Records", [])`): the cuts are looked for with it masked.
  const masked = r.message.replace(/`[^`]*`/g, (code) => code.replace(/[^`]/g, 'x'));
  const cuts = [/^(.{12,}?)(?:[,;:]\s|\.\s|\.$| \u2014 )/.exec(masked)?.[1], /^(.{24,}?) \(/.exec(masked)?.[1]].filter((c): c is string => c !== undefined);
  const clause = cuts.length ? r.message.slice(0, cuts.reduce((a, b) => (a.length <= b.length ? a : b)).length) : r.message;
  const text = clause.length > max ? `${clause.slice(0, max - 1).trimEnd()}…` : clause;
  return r.file && r.ruleId ? `${text} (${r.file.slice(r.file.lastIndexOf('/') + 1)}:${r.line})` : text;
}
