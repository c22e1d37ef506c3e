// Kept apart from the join itself so the CLI's cache can use it without loading the analyser.
import type { FileAnalysis } from '../types';

/**
 * The largest offset at which the join may place a finding in this file (a `.proto` service, a Cargo.toml dependency,
 * a patched value, a unit or its field, a Terraform module call or its input), so a cache that keeps line starts only
 * as far as they are needed keeps these too.
 */
function lastJoinOffset(a: Pick<FileAnalysis, 'facts' | 'units'>): number {
  let last = -1;
  const ranges = (r: Partial<Record<string, [number, number]>> | undefined) => {
    for (const v of Object.values(r ?? {})) if (v) last = Math.max(last, v[1]);
  };
  for (const s of a.facts?.grpcServices ?? []) last = Math.max(last, s.end);
  // build/rust-lambda-runtime points at a Lambda crate in a Cargo.toml.
  for (const c of a.facts?.rustCrates ?? []) last = Math.max(last, c.end);
  for (const p of [...(a.facts?.patches ?? []), ...(a.facts?.kustomization?.inlinePatches ?? [])]) ranges(p.fieldRanges);
  for (const u of a.units) {
    ranges(u.fieldRanges);
    if (u.range) last = Math.max(last, u.range[1]);
  }
  // A Terraform module's functions are judged where the module is called (src/core/join/terraform.ts): at the call.
  for (const c of a.facts?.moduleCalls ?? []) {
    last = Math.max(last, c.range[1]);
    for (const input of Object.values(c.inputs)) last = Math.max(last, input.range[1]);
  }
  // A CDK construct class's instances are judged where they are written (join/cdkConstructs.ts), and what the class
  // itself sets anywhere in its file.
  for (const i of a.facts?.cdkInstances ?? []) {
    last = Math.max(last, i.range[1], i.propsAt + i.props.length);
    for (const r of i.eventRanges) last = Math.max(last, r[1]);
  }
  if (a.facts?.cdkConstructClasses) last = Math.max(last, a.facts.cdkConstructClasses.text.length);
  return last;
}

/**
 * The line starts the join needs to place what it reports in this file: up to the last offset a finding, a fix's or a
 * suggestion's edit, or lastJoinOffset names (none for a file without any), which is what the CLI's cache keeps.
 */
export function joinLineStarts(a: Pick<FileAnalysis, 'facts' | 'units' | 'findings' | 'lineStarts'>): Uint32Array {
  let last = lastJoinOffset(a);
  for (const f of a.findings) {
    last = Math.max(last, f.end);
    for (const ed of f.fix?.edits ?? []) last = Math.max(last, ed.end);
    for (const s of f.suggestions ?? []) for (const ed of s.edits) last = Math.max(last, ed.end);
  }
  const { lineStarts } = a;
  let n = 0;
  while (n < lineStarts.length && lineStarts[n] <= last) n++;
  const kept = new Uint32Array(n);
  for (let i = 0; i < n; i++) kept[i] = lineStarts[i];
  return kept;
}
