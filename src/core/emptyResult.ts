import type { AssessResult } from './types';

/** An assessment of nothing: what results from several scans are merged into, or stand in for before any scan. */
export function emptyAssessResult(): AssessResult {
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: '' },
    findings: [],
    units: [],
    errors: [],
    stats: { files: 0, analyzed: 0, skipped: 0, ms: 0 },
  };
}
