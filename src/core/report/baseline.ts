// `--baseline FILE`: keep only findings that a previous run (our JSON or SARIF output) did not report. Matching
// ignores line numbers so that unrelated edits above a finding do not make it "new".
import type { AssessResult, Finding } from '../types';
import { fingerprint } from './sarif';

export interface Baseline {
  format: 'json' | 'sarif';
  keys: Set<string>;
  fingerprints: Set<string>;
}

const key = (ruleId: string, file: string, unit: string | undefined, message: string) => [ruleId, file, unit ?? '', message].join('\u0000');

const findingFingerprint = (f: Finding) => fingerprint([f.ruleId, f.file, f.unit ?? '', f.message]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function decodeUri(uri: string): string {
  try {
    return decodeURIComponent(uri.replace(/^file:\/\//, '')).replace(/^\.\//, '');
  } catch {
    return uri;
  }
}

/** Reads a previous result. Throws an Error whose message says what is wrong and what to pass instead. */
export function parseBaseline(text: string, name = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name} is not JSON (${(e as Error).message}). Pass a file written by 'lambdashift assess --format json' or '--format sarif'.`);
  }
  const keys = new Set<string>();
  const fingerprints = new Set<string>();
  if (isObj(data) && Array.isArray(data.runs)) {
    for (const run of data.runs) {
      if (!isObj(run) || !Array.isArray(run.results)) continue;
      for (const r of run.results) {
        if (!isObj(r)) continue;
        const fp = isObj(r.partialFingerprints) ? str(r.partialFingerprints['lambdashift/v1']) : undefined;
        if (fp) fingerprints.add(fp);
        const loc = Array.isArray(r.locations) && isObj(r.locations[0]) && isObj(r.locations[0].physicalLocation) ? r.locations[0].physicalLocation : undefined;
        const uri = loc && isObj(loc.artifactLocation) ? str(loc.artifactLocation.uri) : undefined;
        const ruleId = str(r.ruleId);
        const message = isObj(r.message) ? str(r.message.text) : undefined;
        const unit = isObj(r.properties) ? str(r.properties.unit) : undefined;
        if (ruleId && uri && message !== undefined) keys.add(key(ruleId, decodeUri(uri), unit, message));
      }
    }
    return { format: 'sarif', keys, fingerprints };
  }
  if (isObj(data) && Array.isArray(data.findings)) {
    for (const f of data.findings) {
      if (!isObj(f)) continue;
      const ruleId = str(f.ruleId);
      const file = str(f.file);
      const message = str(f.message);
      if (ruleId && file && message !== undefined) keys.add(key(ruleId, file, str(f.unit), message));
    }
    return { format: 'json', keys, fingerprints };
  }
  throw new Error(
    `${name} has neither 'findings' (LambdaShift JSON) nor 'runs' (SARIF). Pass a file written by 'lambdashift assess --format json' or '--format sarif'.`,
  );
}

function isInBaseline(f: Finding, b: Baseline): boolean {
  return b.keys.has(key(f.ruleId, f.file, f.unit, f.message)) || b.fingerprints.has(findingFingerprint(f));
}

/** The result with only new findings; units, errors and stats stay as they are. */
export function applyBaseline(result: AssessResult, b: Baseline): AssessResult {
  return { ...result, findings: result.findings.filter((f) => !isInBaseline(f, b)) };
}
