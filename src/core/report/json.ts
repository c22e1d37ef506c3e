import type { AssessResult, Finding } from '../types';

/** The contract's finding: editor-only fields removed. */
function contractFinding(f: Finding): Finding {
  const { range: _range, unitIds: _ids, ...rest } = f;
  return rest;
}

/** `--format json`: one object per the contract in ARCHITECTURE.md, stable key order. */
export function formatJson(result: AssessResult): string {
  const out: AssessResult = {
    schemaVersion: result.schemaVersion,
    tool: result.tool,
    findings: result.findings.map(contractFinding),
    units: result.units,
    errors: result.errors,
    stats: result.stats,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
