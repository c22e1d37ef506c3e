// Templates written by `cdk synth` and committed beside the CDK app that writes them (cdk-patterns keeps a
// template.yaml in each app's folder). A function the app's code declares is then described twice, under two names
// (`Handler` from the code, `Handler0467DB95` from the template), and each of its findings is reported twice. The
// template's description of such a function is set aside: the code's is the one a developer edits. The template's
// other functions stay: those the CDK model cannot see in the code (made by a helper method or a loop), and the CDK's
// own (bucket deployment, custom resource providers).
import { declaredOwners } from '../direction';
import { nearestCdkApp } from './cdkApp';
import type { FileAnalysis } from '../types';

/** The analyses, with the units (and their findings) of CDK output templates that the app's code also declares. */
export function withoutCdkOutput(analyses: readonly FileAnalysis[], apps: ReadonlySet<string>): readonly FileAnalysis[] {
  if (!apps.size || !analyses.some((a) => a.facts?.cdkConstructs)) return analyses;
  const appOf = (file: string): string | undefined => nearestCdkApp(file, apps);
  /** By app, the names of the functions its code declares. */
  const declared = new Map<string, Set<string>>();
  for (const a of analyses) {
    const app = a.units.some((u) => u.source === 'cdk') ? appOf(a.file) : undefined;
    if (app === undefined) continue;
    const names = declared.get(app) ?? new Set<string>();
    for (const u of a.units) if (u.source === 'cdk') names.add(u.name);
    declared.set(app, names);
  }
  if (!declared.size) return analyses;
  return analyses.map((a) => {
    const constructs = a.facts?.cdkConstructs;
    const app = constructs ? appOf(a.file) : undefined;
    const names = app !== undefined ? declared.get(app) : undefined;
    if (!constructs || !names) return a;
    const twice = new Set(a.units.filter((u) => constructs[u.name] !== undefined && names.has(constructs[u.name])));
    if (!twice.size) return a;
    const owned = (f: FileAnalysis['findings'][number]) => {
      const owners = declaredOwners(f, a.units);
      return owners.length > 0 && owners.every((u) => twice.has(u));
    };
    return { ...a, units: a.units.filter((u) => !twice.has(u)), findings: a.findings.filter((f) => !owned(f)) };
  });
}
