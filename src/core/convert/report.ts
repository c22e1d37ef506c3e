// The conversion report: every setting of the source unit with what it became, or why it could not (issue #20).
// Printed by the CLI, written as CONVERSION.md beside the output, shown in the editor's preview.
import type { Unit, UnitEvent } from '../types';
import { oneLine } from './paths';

/**
 * carried: same value, same meaning. mapped: an equivalent construct. placeholder: a value to fill (unresolved in the
 * source). note: no equivalent was generated; the row says what to do. blocker: the output will not behave like the
 * source until this is addressed.
 */
export type Outcome = 'carried' | 'mapped' | 'placeholder' | 'note' | 'blocker';

export interface ReportRow {
  /** The source setting, as the unit model names it (`timeoutSeconds`, `events[0].filterPolicy`). */
  setting: string;
  /** Its value in the source, shortened. */
  value: string;
  outcome: Outcome;
  /** What it became (or why it could not). */
  became: string;
}

/** How each unit field is handled by a direction's describer: a function giving its rows, or why it has none. */
export type FieldTable<R> = { [K in keyof Unit]-?: R | { internal: string } };

/** Unit fields that are bookkeeping in either direction: no row in CONVERSION.md. */
export const BOOKKEEPING_FIELDS = {
  kind: { internal: 'what the unit is' },
  line: { internal: 'position' },
  source: { internal: 'format' },
  readiness: { internal: 'assessment result' },
  range: { internal: 'position' },
  fieldRanges: { internal: 'positions' },
  generatedFrom: { internal: 'marks converted output' },
} as const;

export function show(v: unknown): string {
  if (v === undefined) return '';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const one = oneLine(text);
  return one.length > 100 ? `${one.slice(0, 97)}…` : one;
}

/** Event keys every event type may carry; each has a row in the report when set. */
export const EVENT_KEYS = [
  'type',
  'detail',
  'batchSize',
  'visibilityTimeout',
  'timeZone',
  'enabled',
  'filterCriteria',
  'filterPolicy',
  'maximumBatchingWindowInSeconds',
  'maximumConcurrency',
  'functionResponseTypes',
  'functionUrl',
  'authType',
  'authorizer',
  'invokeMode',
  'apiGateway',
  'alb',
  'websocket',
  'rule',
  'scheduler',
  'service',
  'serviceType',
  'ingress',
  'protocol',
  'scaler',
  'invokedBy',
] as const;

export function eventKeys(e: UnitEvent): string[] {
  return Object.keys(e).filter((k) => e[k] !== undefined);
}

/** CONVERSION.md: blockers, warnings, then one table row per source setting. */
export function renderConversionReport(unit: Unit, target: string, rows: ReportRow[], blockers: string[], warnings: string[], notes: string[]): string {
  const cell = (s: string) => oneLine(s).replace(/\|/g, '\\|');
  const counts = (['carried', 'mapped', 'placeholder', 'note', 'blocker'] as Outcome[])
    .map((o) => `${rows.filter((r) => r.outcome === o).length} ${o}`)
    .join(', ');
  return [
    `# Conversion report: ${oneLine(unit.name)} → ${target}`,
    '',
    `Source: \`${oneLine(unit.file)}\` (${unit.source}). Every setting of the source is listed with what it became: ${counts}.`,
    '',
    ...(blockers.length
      ? ['## Blockers', '', 'The output will not behave like the source until these are addressed:', '', ...blockers.map((b) => `- ${oneLine(b)}`), '']
      : ['## Blockers', '', 'None found.', '']),
    ...(warnings.length ? ['## Warnings', '', ...warnings.map((w) => `- ${oneLine(w)}`), ''] : []),
    '## Settings',
    '',
    '| Setting | Source value | Outcome | Became |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.setting)} | ${cell(r.value) || '—'} | ${r.outcome} | ${cell(r.became)} |`),
    '',
    '## Notes',
    '',
    ...notes.map((n) => `- ${oneLine(n)}`),
    '',
  ].join('\n');
}

/** Plain-text form for the terminal. */
export function renderReportText(rows: ReportRow[]): string {
  return rows.map((r) => `  ${r.outcome.padEnd(11)} ${r.setting}${r.value ? ` = ${r.value}` : ''} → ${r.became}`).join('\n');
}

/** `# ` comment lines for the top of generated YAML and Dockerfiles when converting despite blockers. */
export function blockerComments(blockers: string[]): string {
  return [
    `# BLOCKERS (converted anyway: --force-blockers, or Convert Anyway in the editor; this will not behave like the source until they are addressed):`,
    ...blockers.map((b) => `#   - ${oneLine(b)}`),
    '',
  ].join('\n');
}
