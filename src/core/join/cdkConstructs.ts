// CDK construct classes used across files: `class ServiceFunction extends Construct { constructor(scope, id, props) {
// new NodejsFunction(this, id, { handler: props.handler, … }) } }` in lib/constructs/, instantiated in the stacks
// (`new ServiceFunction(this, 'GetOrder', { handler: 'index.handler', … })`). Each instance deploys the class's
// functions with its own props. The class's file is read again with the instance appended, so that the one CDK reader
// (model/cdk.ts) reads the functions as it reads a class instantiated in its own file; the units are declared at the
// instance, with the triggers the instantiating file gives it. The class's own units, read with its props unknown,
// stand for no deployment once an instance is found, as a Terraform module's do (join/terraform.ts). Nothing is run.
import { dirOf, joinPath, resolveModuleFile } from '../relpath';
import type { AnalyzeOptions, CdkInstance, FileAnalysis, RawFinding, Unit } from '../types';

export interface ConstructJoin {
  /** Units an instance deploys, declared in the instantiating file. */
  instances: { unit: Unit; file: string }[];
  /** The model rules' findings about them: in the instantiating file, or in the class's file for what the class sets. */
  findings: { file: string; raw: RawFinding; unit: Unit }[];
  /** The construct classes' own units (props unknown), where an instance was found: no deployment. */
  replaced: Set<Unit>;
}

/** Rule settings and date for the model rules run at the join, and the reader of construct instances. */
export interface JoinOptions extends Pick<AnalyzeOptions, 'rules' | 'today'> {
  /**
   * Reads the functions one instance of a construct class deploys (join/cdkInstance.ts `readConstructInstance`). It
   * parses, so it lives with the analyser: the CLI's and the editor's scans pass one that loads dist/analyzer.js when
   * first called, and keep the parser out of a warm re-scan. Without it, instances are not read.
   */
  readConstruct?: ConstructReader;
}

export type ConstructReader = (
  inst: CdkInstance,
  className: string,
  def: FileAnalysis,
  text: string,
  at: FileAnalysis,
  options: Pick<AnalyzeOptions, 'rules' | 'today'>,
) => { unit: Unit; findings: { file: string; raw: RawFinding }[] }[];

export function joinCdkConstructs(
  analyses: readonly FileAnalysis[],
  byFile: ReadonlyMap<string, FileAnalysis>,
  known: ReadonlySet<string>,
  options: JoinOptions = {},
): ConstructJoin {
  const out: ConstructJoin = { instances: [], findings: [], replaced: new Set() };
  const { readConstruct, ...ruleOptions } = options;
  if (!readConstruct) return out;
  for (const a of analyses) {
    for (const inst of a.facts?.cdkInstances ?? []) {
      const target = resolveModuleFile(joinPath(dirOf(a.file), inst.module), known);
      const def = target ? byFile.get(target) : undefined;
      const classes = def?.facts?.cdkConstructClasses;
      const className = inst.className === 'default' ? classes?.defaultClass : inst.className;
      if (!def || !classes || !className || !classes.classes.includes(className)) continue;
      const made = readConstruct(inst, className, def, classes.text, a, ruleOptions);
      if (!made.length) continue;
      for (const u of def.units) if (u.constructTemplate === className) out.replaced.add(u);
      for (const m of made) {
        out.instances.push({ unit: m.unit, file: a.file });
        out.findings.push(...m.findings.map((f) => ({ ...f, unit: m.unit })));
      }
    }
  }
  return out;
}
