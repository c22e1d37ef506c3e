import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConvertError, convertUnit, defaultTarget, type ConvertTarget, type K8sFormat } from '../../core/convert';
import type { IdentityMode } from '../../core/convert/iam';
import { k8sName } from '../../core/convert/util';
import type { Unit } from '../../core/types';
import { parseCommand, UsageError, type CliIO } from '../io';
import { CONVERT, helpText } from './specs';
import { scanPaths, toRel } from '../scan';

const FORMATS = ['manifests', 'helm', 'kustomize'];
const IDENTITIES = ['irsa', 'pod-identity'];

function pickUnit(units: Unit[], name: string | undefined): Unit {
  const list = units.map((u) => `${u.name} (${u.kind === 'lambda-function' ? 'Lambda' : u.workloadKind ?? 'workload'}, ${u.file})`).join(', ') || 'none found';
  if (!name) throw new UsageError(`pass --unit <name>. Units: ${list}.`);
  const matches = units.filter((u) => u.name === name);
  if (matches.length === 0) throw new UsageError(`no unit named '${name}'. Units: ${list}.`);
  if (matches.length > 1) throw new UsageError(`'${name}' names ${matches.length} units (${matches.map((u) => u.file).join(', ')}); pass the file that declares it as <path>.`);
  return matches[0];
}

export async function runConvert(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(CONVERT, argv);
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${helpText(CONVERT)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`convert takes one <path> (the folder or file declaring the unit); got ${positionals.length}.`);
  if (values.to && values.to !== 'kubernetes' && values.to !== 'lambda') throw new UsageError(`unknown --to '${values.to}'. Use kubernetes or lambda.`);
  if (!FORMATS.includes(values.format!)) throw new UsageError(`unknown --format '${values.format}'. Use manifests, helm or kustomize.`);
  if (!IDENTITIES.includes(values.identity!)) throw new UsageError(`unknown --identity '${values.identity}'. Use irsa or pod-identity.`);
  if (values.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(values.namespace)) throw new UsageError(`--namespace '${values.namespace}' is not a valid Kubernetes namespace (lowercase letters, digits, '-', at most 63).`);

  const target = path.resolve(io.cwd, positionals[0]);
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    throw new UsageError(`path '${positionals[0]}' does not exist. Pass the folder or file that declares the unit.`);
  }
  // Units are read relative to the build-context root so Dockerfile COPY paths work from there.
  const root = stat.isDirectory() ? target : path.dirname(target);
  const result = await scanPaths(root, [stat.isDirectory() ? '.' : path.basename(target)]);
  const unit = pickUnit(result.units, values.unit);
  const to = (values.to as ConvertTarget | undefined) ?? defaultTarget(unit);
  const outAbs = path.resolve(root, values.out ?? (to === 'kubernetes' ? `k8s/${k8sName(unit.name)}` : `lambda/${k8sName(unit.name, 63)}`));
  const outRel = toRel(root, outAbs);
  if (outRel.startsWith('..')) io.stderr(`lambdashift: note: --out is outside ${toRel(io.cwd, root)}, so the Dockerfile's COPY of the runner will not be in the build context.\n`);
  let converted;
  try {
    converted = convertUnit(unit, {
      to,
      format: values.format as K8sFormat,
      identity: values.identity as IdentityMode,
      namespace: values.namespace,
      outDir: outRel,
      findings: result.findings.filter((f) => f.unit === unit.name),
    });
  } catch (e) {
    if (e instanceof ConvertError) {
      io.stderr(`lambdashift: cannot convert ${unit.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (values['dry-run']) {
    for (const f of converted.files) io.stdout(`--- ${toRel(io.cwd, path.join(outAbs, f.path))}\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}`);
  } else {
    const existing: string[] = [];
    for (const f of converted.files) {
      try {
        await fs.access(path.join(outAbs, f.path));
        existing.push(toRel(io.cwd, path.join(outAbs, f.path)));
      } catch {
        // does not exist: fine to write
      }
    }
    if (existing.length && !values.force) {
      io.stderr(`lambdashift: these files already exist and were not changed:\n${existing.map((f) => `  ${f}`).join('\n')}\nPass --force to overwrite them, or choose another folder with --out.\n`);
      return 2;
    }
    for (const f of converted.files) {
      const abs = path.join(outAbs, f.path);
      await fs.mkdir(path.dirname(abs), { recursive: true });
      await fs.writeFile(abs, f.content);
    }
    io.stderr(`Wrote ${converted.files.length} files for ${unit.name} → ${to} to ${toRel(io.cwd, outAbs)}.\n`);
  }
  if (converted.blockers.length) io.stderr(`Blockers:\n${converted.blockers.map((b) => `  - ${b}`).join('\n')}\n`);
  io.stderr(`Notes:\n${converted.notes.map((n) => `  - ${n}`).join('\n')}\n`);
  return 0;
}
