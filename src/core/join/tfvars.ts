// Terraform sizes set outside the resource: `timeout = var.timeout` takes its value from the root module's
// terraform.tfvars / *.auto.tfvars (as `terraform plan` would load them) or from a variable default in a sibling file.
import { dirOf } from '../relpath';
import type { FileAnalysis, SizedField, Unit } from '../types';

/** Terraform's order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name; later files win. */
function loadOrder(file: string): [number, string] {
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return name === 'terraform.tfvars' ? [0, name] : name === 'terraform.tfvars.json' ? [1, name] : [2, name];
}

/**
 * Fills each Terraform unit's sized fields that read a variable. Idempotent (the editor joins the same cached analyses
 * again after every edit): every field is recomputed from what the unit's own file said (`tfVariables`).
 */
export function applyTerraformVariables(analyses: readonly FileAnalysis[]): void {
  const units = analyses.flatMap((a) => (a.kind === 'terraform' ? a.units.filter((u) => u.tfVariables || u.tfRuntimeVariable) : []));
  if (!units.length) return;
  const byDir = new Map<string, FileAnalysis[]>();
  for (const a of analyses) {
    if ((a.kind !== 'terraform' && a.kind !== 'terraform-vars') || (!a.facts?.tfNumbers && !a.facts?.tfRuntimes)) continue;
    const d = dirOf(a.file);
    byDir.set(d, [...(byDir.get(d) ?? []), a]);
  }
  for (const u of units) {
    const inDir = byDir.get(dirOf(u.file)) ?? [];
    const tfvars = inDir
      .filter((a) => a.kind === 'terraform-vars')
      .sort((x, y) => {
        const [a, b] = [loadOrder(x.file), loadOrder(y.file)];
        return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
      });
    const defaults = inDir.filter((a) => a.kind === 'terraform' && a.file !== u.file);
    if (u.tfRuntimeVariable) applyRuntime(u, u.tfRuntimeVariable, tfvars, defaults);
    for (const [field, ref] of Object.entries(u.tfVariables ?? {}) as [SizedField, NonNullable<Unit['tfVariables']>[SizedField]][]) {
      if (!ref) continue;
      const set = [...tfvars].reverse().find((a) => a.facts!.tfNumbers?.[ref.variable] !== undefined);
      const elsewhere = ref.default === undefined ? defaults.find((a) => a.facts!.tfNumbers?.[ref.variable] !== undefined) : undefined;
      const value = set ? set.facts!.tfNumbers![ref.variable] : (ref.default ?? elsewhere?.facts!.tfNumbers![ref.variable]);
      const from = set ? `var.${ref.variable} in ${base(set.file)}` : elsewhere ? `var.${ref.variable} default in ${base(elsewhere.file)}` : undefined;
      const ref$ = `var.${ref.variable}`;
      if (value !== undefined) {
        u[field] = value;
        if (u.unresolvedFields) {
          delete u.unresolvedFields[field];
          if (!Object.keys(u.unresolvedFields).length) delete u.unresolvedFields;
        }
        if (ref.listed && u.unresolved && !stillUnresolved(u, ref.variable, field)) {
          u.unresolved = u.unresolved.filter((x) => x !== ref$);
          if (!u.unresolved.length) delete u.unresolved;
        }
      } else {
        delete u[field];
        u.unresolvedFields = { ...u.unresolvedFields, [field]: ref$ };
        if (ref.listed && !u.unresolved?.includes(ref$)) u.unresolved = [...(u.unresolved ?? []), ref$].sort();
      }
      if (from) u.valuesFrom = { ...u.valuesFrom, [field]: from };
      else if (u.valuesFrom) {
        delete u.valuesFrom[field];
        if (!Object.keys(u.valuesFrom).length) delete u.valuesFrom;
      }
    }
  }
}

/**
 * `runtime = var.x`: the last tfvars file that sets it, else a sibling file's default; none leaves the runtime unknown.
 * Recomputed on every join, as the sized fields are.
 */
function applyRuntime(u: Unit, variable: string, tfvars: readonly FileAnalysis[], defaults: readonly FileAnalysis[]): void {
  const set = [...tfvars].reverse().find((a) => a.facts?.tfRuntimes?.[variable] !== undefined);
  const elsewhere = set ? undefined : defaults.find((a) => a.facts?.tfRuntimes?.[variable] !== undefined);
  const from = set ?? elsewhere;
  if (from) {
    u.runtime = from.facts!.tfRuntimes![variable];
    u.valuesFrom = { ...u.valuesFrom, runtime: `var.${variable} ${set ? 'in' : 'default in'} ${base(from.file)}` };
  } else {
    delete u.runtime;
    if (u.valuesFrom) {
      delete u.valuesFrom.runtime;
      if (!Object.keys(u.valuesFrom).length) delete u.valuesFrom;
    }
  }
}

/** The same variable may feed another field that is still unresolved (it then stays listed). */
function stillUnresolved(u: Unit, variable: string, except: SizedField): boolean {
  return Object.entries(u.unresolvedFields ?? {}).some(([f, t]) => f !== except && t === `var.${variable}`);
}

function base(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
