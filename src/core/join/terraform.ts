// Terraform local modules: `module "orders" { source = "./modules/lambda"  function_name = "orders" … }` deploys the
// functions that the module's own files declare, with the caller's inputs in place of the module's variables. The
// module folder is read from the workspace only (never fetched). Each call becomes one unit per function of the
// module, declared at the call (its inputs are where its settings are written); the module's own units, read with
// variable defaults, stand for no deployment once a call is found and are set aside like Kustomize patch files.
import { splitHandler } from '../model/cloudformation';
import { dirOf, joinPath } from '../relpath';
import { lineColumnAt } from '../position';
import type { FileAnalysis, ModuleCall, Unit, UnitEvent } from '../types';

export interface ModuleJoin {
  /** Units a call of a module deploys, declared in the calling file. */
  instances: { unit: Unit; call: ModuleCall; file: string }[];
  /** The module's own units (variable defaults) and placeholder units of calls that were resolved: no deployment. */
  replaced: Set<Unit>;
}

/** Module attribute → unit field it sets; numbers for sized fields. */
const FIELDS: Record<string, { field: keyof Unit; numeric?: boolean }> = {
  function_name: { field: 'name' },
  handler: { field: 'handler' },
  runtime: { field: 'runtime' },
  timeout: { field: 'timeoutSeconds', numeric: true },
  memory_size: { field: 'memoryMB', numeric: true },
  image_uri: { field: 'image' },
  source_path: { field: 'codeUri' },
  source_dir: { field: 'codeUri' },
  filename: { field: 'codeUri' },
};
/** fieldRanges keys of those fields. */
const RANGE_KEY: Partial<Record<keyof Unit, string>> = { handler: 'handler', runtime: 'runtime', timeoutSeconds: 'timeoutSeconds', memoryMB: 'memoryMB' };

export function joinModules(analyses: readonly FileAnalysis[]): ModuleJoin {
  const replaced = new Set<Unit>();
  const instances: ModuleJoin['instances'] = [];
  const tfDirs = new Set<string>();
  /** Functions of each folder's files, with the variables their settings come from. */
  const templates = new Map<string, { unit: Unit; vars: Record<string, string>; paths?: PathTemplates }[]>();
  for (const a of analyses) {
    if (a.kind !== 'terraform') continue;
    const dir = dirOf(a.file);
    tfDirs.add(dir);
    const info = new Map((a.facts?.moduleUnits ?? []).map((m) => [m.unit, m]));
    a.units.forEach((u, i) => {
      if (u.kind !== 'lambda-function' || info.get(i)?.source) return;
      const list = templates.get(dir) ?? [];
      list.push({ unit: u, vars: info.get(i)?.vars ?? {}, paths: info.get(i)?.paths });
      templates.set(dir, list);
    });
  }
  /** How many calls each module folder has: a name the module writes itself names its function only when called once. */
  const callCount = new Map<string, number>();
  for (const a of analyses)
    for (const c of a.facts?.moduleCalls ?? []) callCount.set(joinPath(dirOf(a.file), c.source), (callCount.get(joinPath(dirOf(a.file), c.source)) ?? 0) + 1);
  for (const a of analyses) {
    const calls = a.facts?.moduleCalls;
    if (!calls?.length) continue;
    const info = new Map((a.facts?.moduleUnits ?? []).map((m) => [m.unit, m]));
    const placeholders = a.units.filter((_, i) => info.get(i)?.source);
    for (const call of calls) {
      const dir = joinPath(dirOf(a.file), call.source);
      const own = templates.get(dir) ?? [];
      const placeholder = placeholders.find((u) => u.range?.[0] === call.range[0]);
      // A module folder in the workspace that declares no function: the call deploys something else.
      if (!own.length) {
        if (placeholder && tfDirs.has(dir)) replaced.add(placeholder);
        continue;
      }
      for (const t of own) replaced.add(t.unit);
      // A module whose function is created conditionally (`count = var.create ? 1 : 0`, a copy of the lambda module)
      // is read from the call's own function inputs, as the lambda module's are; a call without them (a layer or a
      // package built with the same module, `create_function = false`) creates no function that is known here.
      if (own.every((t) => t.unit.name.endsWith('[*]'))) continue;
      if (placeholder) replaced.add(placeholder);
      for (const t of own) {
        const unit = instantiate(t.unit, t.vars, call, a, own.length > 1, (callCount.get(dir) ?? 0) > 1);
        const path = filledPath(t.paths, call);
        if (path !== undefined && unit.codeUri === undefined) unit.codeUri = path;
        // Settings the module leaves to expressions this model does not evaluate, read from the call's inputs as the
        // lambda module's are (runtime, handler, timeout, memory, code path).
        if (placeholder)
          for (const k of ['runtime', 'handler', 'handlerExport', 'timeoutSeconds', 'memoryMB', 'codeUri', 'image'] as const)
            if (unit[k] === undefined && placeholder[k] !== undefined) {
              (unit as unknown as Record<string, unknown>)[k] = placeholder[k];
              const r = placeholder.fieldRanges?.[k];
              if (r) unit.fieldRanges![k] = r;
            }
        instances.push({ unit, call, file: a.file });
      }
    }
  }
  // A child module that no configuration here calls, in a workspace whose configurations do call local modules
  // (`infra/modules/lambda-function/` beside the `python-lambda-function` module the stacks use): its functions, whose
  // settings come from its variables, are a template, not a deployment. A module library scanned on its own (no calls)
  // keeps them.
  for (const [dir, own] of templates)
    if (callCount.size && !callCount.has(dir) && /(?:^|\/)modules\//.test(`${dir}/`)) for (const t of own) if (Object.keys(t.vars).length) replaced.add(t.unit);
  // One level: a wrapper module that calls another local module gets its instances, a call of the wrapper does not.
  return { instances, replaced };
}

type PathTemplates = NonNullable<NonNullable<FileAnalysis['facts']>['moduleUnits']>[number]['paths'];

/**
 * A code path the module writes as a template of its variables, filled with a call's inputs (a module's own folder,
 * `${path.module}`, is the call's source); undefined when an input it needs is not a literal.
 */
function filledPath(paths: PathTemplates, call: ModuleCall): string | undefined {
  for (const name of ['filename', 'source_path', 'source_dir']) {
    const parts = paths?.[name];
    if (!parts) continue;
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if ('module' in p) out += call.source;
      else {
        const v = call.inputs[p.variable]?.value;
        if (typeof v !== 'string' && typeof v !== 'number') return undefined;
        out += String(v);
      }
    }
    return out;
  }
  return undefined;
}

function instantiate(t: Unit, vars: Record<string, string>, call: ModuleCall, caller: FileAnalysis, several: boolean, calledAgain: boolean): Unit {
  const at = call.range;
  const u: Unit = {
    ...t,
    events: t.events.map((e) => ({ ...e })),
    file: caller.file,
    line: lineColumnAt(caller.lineStarts, at[0]).line,
    range: [at[0], at[1]],
    fieldRanges: {},
    readiness: {},
  };
  // Settings the module writes itself are reported at the call, which is where this deployment is declared.
  for (const k of Object.keys(t.fieldRanges ?? {})) u.fieldRanges![k] = [at[0], at[1]];
  // The module's own code paths are relative to the module folder.
  if (t.codeUri !== undefined) u.codeUri = joinPath(call.source, t.codeUri);
  let named = false;
  const unresolved = new Set(t.unresolved ?? []);
  for (const [attrName, variable] of Object.entries(vars)) {
    const spec = FIELDS[attrName];
    const input = call.inputs[variable];
    if (!spec || !input) continue;
    const rangeKey = RANGE_KEY[spec.field];
    if (rangeKey) u.fieldRanges![rangeKey] = input.range;
    for (const x of [...unresolved]) if (x.includes(`var.${variable}`)) unresolved.delete(x);
    const value = input.value;
    const set = (v: unknown) => ((u as unknown as Record<string, unknown>)[spec.field] = v);
    if (spec.numeric) {
      if (typeof value === 'number') {
        set(value);
        if (u.unresolvedFields) delete u.unresolvedFields[spec.field as keyof NonNullable<Unit['unresolvedFields']>];
      } else {
        set(undefined);
        u.unresolvedFields = { ...u.unresolvedFields, [spec.field]: input.text ?? 'an expression' };
        unresolved.add(`${call.name}.${variable}: ${input.text ?? 'an expression'}`);
      }
    } else if (typeof value === 'string' || typeof value === 'number') {
      set(String(value));
      if (spec.field === 'name') named = true;
    } else if (spec.field !== 'name') set(undefined);
  }
  // A runtime the call passes is the instance's, not the module variable's default the join read into the module's unit.
  if (vars.runtime && call.inputs[vars.runtime]) {
    delete u.tfRuntimeVariable;
    if (u.valuesFrom) {
      u.valuesFrom = { ...u.valuesFrom };
      delete u.valuesFrom.runtime;
      if (!Object.keys(u.valuesFrom).length) delete u.valuesFrom;
    }
  }
  if (u.unresolvedFields && !Object.keys(u.unresolvedFields).length) delete u.unresolvedFields;
  u.unresolved = unresolved.size ? [...unresolved] : undefined;
  if (!u.unresolved) delete u.unresolved;
  // A function_name the module writes itself (a literal) is the deployed name when the module is called once; a name
  // from a variable the call leaves to its default, or one shared by several calls, is named after the call.
  const ownName = !vars.function_name && !calledAgain && !t.name.includes('[');
  if (!named && !ownName) u.name = several ? `${call.name}.${t.name}` : call.name;
  if (u.handler) u.handlerExport = splitHandler(u.handler)?.exportName;
  return u;
}

/**
 * Triggers a Terraform file attaches to a function another file of the same folder declares (one module split into
 * lambda.tf and api.tf): each such unit gets the events, in file order. Returns the units given events, with only those
 * events, for the trigger rules to judge (the units' own files judged the rest).
 */
export function joinFolderTriggers(analyses: readonly FileAnalysis[]): { unit: Unit; events: UnitEvent[] }[] {
  const byFolder = new Map<string, Map<string, Unit[]>>();
  for (const a of analyses) {
    if (a.kind !== 'terraform' || !a.facts?.tfFunctionKeys) continue;
    const keys = byFolder.get(dirOf(a.file)) ?? new Map<string, Unit[]>();
    byFolder.set(dirOf(a.file), keys);
    for (const { unit, key } of a.facts.tfFunctionKeys) if (a.units[unit]) keys.set(key, [...(keys.get(key) ?? []), a.units[unit]]);
  }
  const added = new Map<Unit, UnitEvent[]>();
  for (const a of analyses) {
    if (a.kind !== 'terraform' || !a.facts?.tfTriggers) continue;
    const keys = byFolder.get(dirOf(a.file));
    for (const { key, event } of a.facts.tfTriggers) {
      const units = keys?.get(key) ?? [];
      // Two files declaring the same address is a broken module: attach to neither rather than guess.
      if (new Set(units.map((u) => u.file)).size !== 1) continue;
      // A join runs again over the same analyses (the editor's re-scans): attached once, judged every time.
      const same = JSON.stringify(event);
      for (const u of units) {
        let mine = u.events.find((e) => JSON.stringify(e) === same);
        if (!mine) {
          mine = { ...event };
          u.events.push(mine);
        }
        added.set(u, [...(added.get(u) ?? []), mine]);
      }
    }
  }
  return [...added].map(([unit, events]) => ({ unit, events }));
}
