import { stringify } from 'yaml';
import { isSecretEntry } from '../secrets';

/**
 * A value we may copy into a ConfigMap, values.yaml or a template: a literal that is not secret by name or by value,
 * not masked (`***` stands for a hidden value, it is never a value itself) and not an unresolved reference.
 */
export function isCopyableValue(name: string, value: string | undefined): value is string {
  if (value === undefined || value === '' || isSecretEntry(name, value)) return false;
  if (/\$\{|\{\{resolve:|\*\*\*|<redacted>/.test(value)) return false;
  return true;
}

/** DNS-1123 label from a logical id (`ExportPollerFunction` → `export-poller`), at most `max` characters. */
export function k8sName(name: string, max = 52): string {
  const kebab = name
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const cut = (kebab || 'workload').slice(0, max).replace(/-$/, '');
  return /^[a-z]/.test(cut) ? cut : `w-${cut}`.slice(0, max);
}

/** CloudFormation logical id from a Kubernetes name (`nightly-report` → `NightlyReportFunction`). */
export function logicalId(name: string): string {
  const pascal = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
  const id = /^[A-Za-z]/.test(pascal) ? pascal : `Fn${pascal}`;
  return id.endsWith('Function') ? id : `${id}Function`;
}

/** Kubernetes memory quantity → MiB (rounded up). */
export function memoryToMiB(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?(?:[eE]\d+)?)\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P|m)?\s*$/.exec(String(q));
  if (!m) return undefined;
  const n = Number(m[1]);
  const factor: Record<string, number> = {
    '': 1,
    m: 1e-3,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    Pi: 1024 ** 5,
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
  };
  return Math.ceil((n * factor[m[2] ?? '']) / 1024 ** 2);
}

/** Kubernetes CPU quantity → cores. */
export function cpuToCores(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m)?\s*$/.exec(String(q));
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

/** Lambda's documented ratio: 1,769 MB of memory = 1 vCPU (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const MB_PER_VCPU = 1769;

export function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(obj: unknown): string {
  return `${JSON.stringify(obj, null, 2)}\n`;
}
