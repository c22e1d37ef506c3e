import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConvertBlockedError, ConvertError, convertUnit, defaultTarget, type ConvertTarget, type K8sFormat } from '../../core/convert';
import { renderReportText } from '../../core/convert/report';
import { configMapData } from '../../core/model/kubernetes';
import type { IdentityMode } from '../../core/convert/iam';
import { k8sName } from '../../core/convert/util';
import { findingsOf } from '../../core/identity';
import { codePathOutside } from '../../core/workspace';
import { terminalSafe } from '../../core/report/terminal';
import type { Unit } from '../../core/types';
import { anchorFor, inspectTargets, UnsafeWriteError, writeTargets } from '../../node/safeWrite';
import { parseCommand, UsageError, type CliIO } from '../io';
import { CONVERT, helpText } from './specs';
import { scanPaths, toRel } from '../../node/scan';

const FORMATS = ['manifests', 'helm', 'kustomize'];
const IDENTITIES = ['irsa', 'pod-identity'];

function describeUnit(u: Unit): string {
  return terminalSafe(
    `${u.name} (${u.kind === 'lambda-function' ? 'Lambda' : (u.workloadKind ?? 'workload')}, ${u.file}${u.generatedFrom ? ', generated' : ''})`,
  );
}

/**
 * The unit `--unit` names. With `--to`, only units that convert that way count. When a name is shared, the output of
 * an earlier conversion (a unit with `generatedFrom`) yields to the unit it came from, so converting twice finds the
 * same source; two hand-written units of one name stay ambiguous.
 */
function pickUnit(units: Unit[], name: string | undefined, to?: ConvertTarget): Unit {
  const list = units.map(describeUnit).join(', ') || 'none found';
  if (!name) throw new UsageError(`pass --unit <name>. Units: ${list}.`);
  let matches = units.filter((u) => u.name === name);
  // `FILE#NAME` (as a converted object's lambdashift.dev/converted-from says it): the unit of that name FILE declares.
  const hash = name.lastIndexOf('#');
  if (matches.length === 0 && hash > 0) {
    const file = name
      .slice(0, hash)
      .replace(/\\/g, '/')
      .replace(/^(?:\.\/)+/, '');
    matches = units.filter((u) => u.name === name.slice(hash + 1) && u.file === file);
  }
  if (matches.length === 0) throw new UsageError(`no unit named '${terminalSafe(name)}'. Units: ${list}.`);
  if (to && matches.length > 1) {
    const convertible = matches.filter((u) => defaultTarget(u) === to);
    if (convertible.length) matches = convertible;
  }
  if (matches.length > 1) {
    const sources = matches.filter((u) => !u.generatedFrom);
    if (sources.length) matches = sources;
  }
  if (matches.length > 1)
    throw new UsageError(
      `'${terminalSafe(name)}' names ${matches.length} units (${matches.map((u) => terminalSafe(u.file)).join(', ')}); pick one by its file, as in --unit ${terminalSafe(`${matches[0].file}#${name}`)}.`,
    );
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
  if (values.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(values.namespace))
    throw new UsageError(`--namespace '${values.namespace}' is not a valid Kubernetes namespace (lowercase letters, digits, '-', at most 63).`);
  const allowance = Number(values['deadline-allowance']);
  if (!/^\d+$/.test(values['deadline-allowance'] ?? '') || allowance > 3600)
    throw new UsageError(
      `--deadline-allowance '${values['deadline-allowance']}' must be whole seconds from 0 to 3600 (start-up time added to the timeout for activeDeadlineSeconds).`,
    );

  const target = path.resolve(io.cwd, positionals[0]);
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    throw new UsageError(`path '${positionals[0]}' does not exist. Pass the folder or file that declares the unit.`);
  }
  // Units are read relative to the build-context root so Dockerfile COPY paths work from there.
  const root = stat.isDirectory() ? target : path.dirname(target);
  // A file names where the unit is declared; the whole folder is read all the same, so the join finds the unit's code
  // and Dockerfile as `assess` does (a template alone leaves an image's language or an unresolved runtime unknown).
  const result = await scanPaths(root, ['.']);
  const declaredIn = stat.isDirectory() ? undefined : toRel(root, target);
  const unit = pickUnit(
    declaredIn === undefined ? result.units : result.units.filter((u) => u.file === declaredIn),
    values.unit,
    values.to as ConvertTarget | undefined,
  );
  const to = (values.to as ConvertTarget | undefined) ?? defaultTarget(unit);
  const outAbs = path.resolve(root, values.out ?? (to === 'kubernetes' ? `k8s/${k8sName(unit.name)}` : `lambda/${k8sName(unit.name, 63)}`));
  const outRel = toRel(root, outAbs);
  const outside = outRel.startsWith('../') || outRel === '..' || path.isAbsolute(outRel);
  // Defaults are built from sanitised names, so only an explicit --out can point outside; never a default.
  if (outside && values.out === undefined)
    throw new UsageError(
      `the output folder ${terminalSafe(toRel(io.cwd, outAbs))} is outside ${terminalSafe(toRel(io.cwd, root))}; pass --out with a folder inside it.`,
    );
  if (outside)
    io.stderr(
      `lambdashift: note: --out is outside ${terminalSafe(toRel(io.cwd, root))}, so the Dockerfile's COPY of the runner will not be in the build context.\n`,
    );
  // Inside the scanned folder every component from it down is checked (a repository can plant links there); an
  // explicit --out outside it is checked from the output folder down: the folders above are the ones the user typed.
  const folder = { anchor: anchorFor(root, outAbs), dir: outAbs };
  // Findings of a same-named unit from an earlier conversion's output are not this unit's blockers.
  const generatedFiles = new Set(result.units.filter((u) => u.name === unit.name && u !== unit && u.generatedFrom).map((u) => u.file));
  let converted;
  try {
    converted = convertUnit(unit, {
      to,
      format: values.format as K8sFormat,
      identity: values.identity as IdentityMode,
      namespace: values.namespace,
      outDir: outRel,
      findings: findingsOf(unit, result.findings, result.units).filter((f) => !generatedFiles.has(f.file)),
      deadlineAllowanceSeconds: allowance,
      forceBlockers: values['force-blockers'],
      configMaps: to === 'lambda' ? await configMapsBeside(root, unit.file) : undefined,
    });
  } catch (e) {
    if (e instanceof ConvertBlockedError) {
      io.stderr(
        `lambdashift: not converting ${terminalSafe(unit.name)}: ${terminalSafe(e.message)}\nBlockers:\n${e.blockers.map((b) => `  - ${terminalSafe(b)}`).join('\n')}\n` +
          `Nothing was written. Address them, or pass --force-blockers to convert anyway (the generated files then start with the blockers as comments).\n`,
      );
      return 1;
    }
    if (e instanceof ConvertError) {
      io.stderr(`lambdashift: cannot convert ${terminalSafe(unit.name)}: ${terminalSafe(e.message)}\n`);
      return 1;
    }
    throw e;
  }
  const show = (abs: string) => terminalSafe(toRel(io.cwd, abs));
  const unitName = terminalSafe(unit.name);
  if (values['dry-run']) {
    for (const f of converted.files) io.stdout(`--- ${show(path.join(outAbs, f.path))}\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}`);
  } else {
    const refuse = (e: UnsafeWriteError): never => {
      const through = e.reason === 'link' || e.reason === 'outside';
      const next = through ? 'Remove the link (or replace it with a real folder)' : e.reason === 'missing-folder' ? 'Create it' : 'Move it out of the way';
      throw new UsageError(
        `refusing to write ${unitName}'s files to ${show(outAbs)}: ${e.describe(show, terminalSafe)}${through ? ', and LambdaShift never writes through symbolic links' : ''}. Nothing was written. ${next}, or choose another folder with --out.`,
      );
    };
    let targets;
    try {
      targets = await inspectTargets(
        folder,
        converted.files.map((f) => f.path),
      );
    } catch (e) {
      if (e instanceof UnsafeWriteError) refuse(e);
      throw e;
    }
    const existing = targets.filter((t) => t.state !== 'missing');
    if (existing.length && !values.force) {
      const links = existing.some((t) => t.state === 'link');
      io.stderr(
        `lambdashift: these files already exist and were not changed:\n${existing.map((t) => `  ${show(t.abs)}${t.state === 'link' ? ` (a symbolic link${t.linkTarget !== undefined ? ` to ${terminalSafe(t.linkTarget)}` : ''})` : ''}`).join('\n')}\n` +
          `Pass --force to overwrite them${links ? ' (a link is replaced by a regular file; its target is not touched)' : ''}, or choose another folder with --out.\n`,
      );
      return 2;
    }
    try {
      await writeTargets(folder, converted.files, { replaceFiles: values.force, replaceLinks: values.force });
    } catch (e) {
      if (e instanceof UnsafeWriteError) refuse(e);
      throw e;
    }
    io.stderr(`Wrote ${converted.files.length} files for ${unitName} → ${to} to ${show(outAbs)}.\n`);
  }
  if (converted.blockers.length)
    io.stderr(`Blockers (converted anyway with --force-blockers):\n${converted.blockers.map((b) => `  - ${terminalSafe(b)}`).join('\n')}\n`);
  if (converted.warnings.length) io.stderr(`Warnings:\n${converted.warnings.map((w) => `  - ${terminalSafe(w)}`).join('\n')}\n`);
  const codePath = codePathOutside(unit);
  const wider = folderHoldingCode(root, unit, codePath);
  if (wider !== undefined)
    io.stderr(
      `lambdashift: note: ${unitName}'s code path ${terminalSafe(codePath!)} is outside ${terminalSafe(toRel(io.cwd, root) || '.')}, the build context. To convert it with its code: lambdashift convert ${terminalSafe(toRel(io.cwd, wider) || '.')} --unit ${terminalSafe(`${toRel(wider, path.join(root, unit.file))}#${unit.name}`)}\n`,
    );
  io.stderr(
    `Conversion report (every setting of ${unitName}; also in CONVERSION.md):\n${renderReportText(converted.report).split('\n').map(terminalSafe).join('\n')}\n`,
  );
  io.stderr(`Notes:\n${converted.notes.map((n) => `  - ${terminalSafe(n)}`).join('\n')}\n`);
  return 0;
}

/**
 * The nearest folder above `root` holding a function's code path when that path leads out of `root` (a Terraform
 * example's `source_path = "${path.module}/../fixtures/app"`, as the assessment's note gives it): converting from
 * there puts the code in the build context.
 */
function folderHoldingCode(root: string, unit: Unit, codePath: string | undefined): string | undefined {
  if (codePath === undefined) return undefined;
  const code = path.resolve(root, path.dirname(unit.file), codePath);
  const rel = path.relative(root, code);
  if (!(rel === '..' || rel.startsWith(`..${path.sep}`))) return undefined;
  let up = root;
  while (path.relative(up, code).startsWith('..')) {
    const parent = path.dirname(up);
    if (parent === up) return undefined;
    up = parent;
  }
  return up;
}

/**
 * ConfigMaps declared in YAML files in the folder of the workload's manifest (one level, at most 200 files of 1 MB):
 * the values its configMapKeyRefs read, so literal configuration is carried to Lambda. Secrets are never read.
 */
async function configMapsBeside(root: string, unitFile: string): Promise<Record<string, Record<string, string>>> {
  const dir = path.join(root, path.dirname(unitFile));
  const out: Record<string, Record<string, string>> = {};
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).slice(0, 200);
  } catch {
    return out;
  }
  for (const n of names) {
    try {
      const st = await fs.lstat(path.join(dir, n));
      if (!st.isFile() || st.size > 1024 * 1024) continue;
      Object.assign(out, configMapData(await fs.readFile(path.join(dir, n), 'utf8')));
    } catch {
      // An unreadable file only means its values stay REPLACE_ME.
    }
  }
  return out;
}
