// The functions one instance of a CDK construct class deploys (join/cdkConstructs.ts): the class's file read again with
// the instance appended, by the one CDK reader (model/cdk.ts). It parses, so it is part of the analyser (dist/analyzer.js)
// and reaches the join through JoinOptions.readConstruct. Nothing is run.
import { applySeverityOverrides, runRules } from '../engine';
import { collectModuleInfo } from '../js/module';
import { extractCdkUnits } from '../model/cdk';
import { parseJs } from '../parsers/typescript';
import { lineColumnAt } from '../position';
import { dirOf } from '../relpath';
import { iacRules } from '../rules/iac';
import type { RawFinding, Unit } from '../types';
import type { ConstructReader } from './cdkConstructs';

/** `to` relative to `from` (both workspace folders), as a path written in `from` would spell it. */
function relativeDir(from: string, to: string): string {
  const a = from ? from.split('/') : [];
  const b = to ? to.split('/') : [];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/**
 * The construct id of the function a class assigns to `this.<member>`: `this.member = new X(this, 'Id', …)`, or
 * `this.member = name` with `const name = new X(this, 'Id', …)`. Read from the class's text; undefined when it does not
 * say.
 */
function memberFunctionId(text: string, member: string): string | undefined {
  const esc = member.replace(/[$]/g, '\\$&');
  const assigned = new RegExp(`\\bthis\\.${esc}\\s*=\\s*(?:new\\s+[\\w.]+\\(\\s*this\\s*,\\s*(['"\`])([^'"\`]+)\\1|([A-Za-z_$][\\w$]*)\\s*;)`).exec(text);
  if (!assigned) return undefined;
  if (assigned[2] !== undefined) return assigned[2];
  const made = new RegExp(
    `\\b(?:const|let|var)\\s+${assigned[3].replace(/[$]/g, '\\$&')}\\s*=\\s*new\\s+[\\w.]+\\(\\s*this\\s*,\\s*(['"\`])([^'"\`]+)\\1`,
  ).exec(text);
  return made?.[2];
}

/**
 * The functions one instance deploys: the class's file read with `new Class(this, id, props)` appended, each unit
 * declared at the instance (its props' ranges moved to where they are written), with the model rules' findings.
 */
export const readConstructInstance: ConstructReader = (inst, className, def, text, at, options) => {
  const prefix = `${text}\n;`;
  const call = `new ${className}(this, ${JSON.stringify(inst.id)}, `;
  const propsStart = prefix.length + call.length;
  const propsEnd = propsStart + inst.props.length;
  const synth = `${prefix}${call}${inst.props});\n`;
  const parsed = parseJs(synth, def.file);
  if (!parsed.ast) return [];
  // `__dirname` in the class's file is that file's folder; in the props, the instantiating file's.
  const classDir = relativeDir(dirOf(at.file), dirOf(def.file));
  const units = extractCdkUnits(parsed.ast, collectModuleInfo(parsed.ast), synth, at.file, undefined, {
    dirnameAt: (offset) => (offset < prefix.length ? classDir : '.'),
    classFile: def.file,
  });
  const inProps = (r: readonly [number, number]) => r[0] >= propsStart && r[1] <= propsEnd;
  const made = units.filter((u) => u.range && u.range[0] >= prefix.length);
  // A trigger given through a member of the instance (`auth.updateClient.addEventSource(…)`) is the function the class
  // assigns to that member, where the class makes several and the assignment says which; else every function's.
  // The function each trigger goes to (its unit name), once per trigger; undefined for every function.
  const target = inst.events.map((_, i) => {
    const member = inst.eventMembers?.[i];
    const id = member && made.length > 1 ? memberFunctionId(text, member) : undefined;
    return id !== undefined && made.some((m) => m.name === `${inst.id}/${id}`) ? `${inst.id}/${id}` : undefined;
  });
  const forUnit = (u: Unit) => inst.events.flatMap((e, i) => (target[i] === undefined || target[i] === u.name ? [{ e, i }] : []));
  const toInstance = (r: readonly [number, number]): [number, number] => [r[0] - propsStart + inst.propsAt, r[1] - propsStart + inst.propsAt];
  return made.map((u) => {
    // The model rules read the unit as the synthesised text places it; each finding then goes where its subject is
    // written: the props → the instantiating file; the class → the class's file; anything else → the instance.
    // The instance's triggers are written in the instantiating file: past the synthesised text, each has a range of
    // its own that stands for where it is written.
    const marker = (i: number): [number, number] => [synth.length + 10 * (i + 1), synth.length + 10 * (i + 1) + 1];
    const given = forUnit(u);
    const judged: Unit = {
      ...u,
      events: [...u.events, ...given.map((g) => g.e)],
      fieldRanges: { ...u.fieldRanges, ...Object.fromEntries(given.map((g, k) => [`events.${u.events.length + k}`, marker(g.i)])) },
    };
    const raw: RawFinding[] = [];
    runRules(
      iacRules,
      { file: at.file, text: synth, units: [judged], parsed: parsed.ast, kind: at.kind, today: options.today },
      { file: at.file, options, findings: raw, errors: [] },
    );
    const findings = applySeverityOverrides(raw, options.rules).map((f) => {
      if (f.end < text.length) return { file: def.file, raw: f };
      const { fix: _fix, suggestions: _suggestions, ...rest } = f;
      const event = f.start >= synth.length ? inst.eventRanges[Math.floor((f.start - synth.length) / 10) - 1] : undefined;
      const [start, end] = event ?? (inProps([f.start, f.end]) ? toInstance([f.start, f.end]) : inst.range);
      return { file: at.file, raw: { ...rest, start, end } };
    });
    const fieldRanges: Record<string, [number, number]> = {};
    for (const [k, r] of Object.entries(u.fieldRanges ?? {})) if (r && inProps(r) && !k.startsWith('events.')) fieldRanges[k] = toInstance(r);
    // Triggers the class gives its function itself come first, then those the instantiating file gives the instance.
    given.forEach((g, k) => (fieldRanges[`events.${u.events.length + k}`] = inst.eventRanges[g.i]));
    const unit: Unit = {
      ...u,
      line: lineColumnAt(at.lineStarts, inst.range[0]).line,
      range: inst.range,
      fieldRanges,
      events: [...u.events, ...given.map((g) => g.e)],
    };
    return { unit, findings };
  });
};
