// Messages between the report webview (media/report.js) and the extension. Everything the webview sends is
// untrusted input: `parseWebviewMessage` checks shape and bounds before the extension acts on it.
import type { CostInputs } from '../core/report/cost';
import type { ReportModel } from '../core/report/model';

const EXPORT_FORMATS = ['html', 'markdown', 'sarif', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type WebviewToHost =
  | { type: 'ready'; edits: Record<string, Partial<CostInputs>> }
  | { type: 'open'; file: string; line: number; column: number }
  | { type: 'export'; format: ExportFormat }
  | { type: 'setInputs'; unit: string; inputs: Partial<CostInputs> | null }
  | { type: 'refresh' };

export type HostToWebview = { type: 'model'; model: ReportModel; editable: boolean };

const MAX_TEXT = 4096;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;
const isPos = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;

const INPUT_KEYS: Record<keyof CostInputs, 'number' | readonly string[]> = {
  requestsPerMonth: 'number',
  avgDurationMs: 'number',
  memoryMB: 'number',
  architecture: ['x86_64', 'arm64'],
  peakRps: 'number',
  provisionedConcurrency: 'number',
  mode: ['always-on', 'scheduled'],
  minReplicas: 'number',
  podCpu: 'number',
  podMemoryGiB: 'number',
};

/** Keeps known keys with values of the right type; ranges are checked later by the config validator. */
function inputs(v: unknown): Partial<CostInputs> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    const spec = INPUT_KEYS[k as keyof CostInputs];
    if (!spec) return undefined;
    if (spec === 'number' ? typeof val === 'number' && Number.isFinite(val) : typeof val === 'string' && spec.includes(val)) out[k] = val;
    else return undefined;
  }
  return out as Partial<CostInputs>;
}

/** The message if it is well-formed, else undefined (the caller ignores it). */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready': {
      if (raw.edits === undefined) return { type: 'ready', edits: {} };
      if (!isObj(raw.edits)) return undefined;
      const edits: Record<string, Partial<CostInputs>> = {};
      for (const [unit, v] of Object.entries(raw.edits)) {
        const parsed = inputs(v);
        if (!isText(unit) || !parsed) return undefined;
        edits[unit] = parsed;
      }
      return { type: 'ready', edits };
    }
    case 'open': {
      const column = raw.column === undefined ? 1 : raw.column;
      // Only workspace-relative paths: no absolute paths, drive letters, URLs or parent segments.
      if (!isText(raw.file) || !isPos(raw.line) || !isPos(column)) return undefined;
      if (/^([/\\]|[a-z][a-z0-9+.-]*:)/i.test(raw.file) || raw.file.split(/[/\\]/).includes('..')) return undefined;
      return { type: 'open', file: raw.file, line: raw.line, column };
    }
    case 'export':
      return (EXPORT_FORMATS as readonly unknown[]).includes(raw.format) ? { type: 'export', format: raw.format as ExportFormat } : undefined;
    case 'setInputs': {
      if (!isText(raw.unit)) return undefined;
      if (raw.inputs === null) return { type: 'setInputs', unit: raw.unit, inputs: null };
      const parsed = inputs(raw.inputs);
      return parsed ? { type: 'setInputs', unit: raw.unit, inputs: parsed } : undefined;
    }
    case 'refresh':
      return { type: 'refresh' };
    default:
      return undefined;
  }
}
