// One service, one unit: Helm templates filled from their values, Kustomize overlays applied, patch files set aside,
// and the workloads that plain manifests, Helm charts and Kustomize describe under the same name and image merged
// into one unit that lists every place it is described. Then each workload is joined to the code its image runs.
import { imageBase, looseName } from '../model/images';
import { JOB_KINDS } from '../model/kubernetes';
import { grpcService } from '../rules/build/grpc-service';
import { RUST_LAMBDA_CRATES, rustLambdaRuntime } from '../rules/build/rust-lambda-runtime';
import { makeReporter } from '../rules/types';
import { applySeverityOverrides, runRules } from '../engine';
import { iacRules } from '../rules/iac';
import { deprecatedRuntime } from '../rules/iac/deprecated-runtime';
import { eventSource } from '../rules/iac/event-source';
import { iacListeningServer } from '../rules/iac/listening-server';
import { resourceLimit } from '../rules/iac/resource-limit';
import { longRunning } from '../rules/iac/long-running';
import { sidecar } from '../rules/iac/sidecar';
import { statefulStorage } from '../rules/iac/stateful-storage';
import { podEntryPoint } from '../rules/iac/pod-entry-point';
import { at } from '../rules/iac/util';
import { runnerFor } from '../convert/to-kubernetes/runner';
import type { Description, FileAnalysis, RawFinding, Unit, UnitEvent } from '../types';
import { joinFolderTriggers, joinModules } from './terraform';
import { joinCdkConstructs, type JoinOptions } from './cdkConstructs';
import { buildCodeIndex, joinBuild, joinContainer, joinLaunch, noteProjectImages, type CodeJoin } from './code';
import { lambdaImageBuild } from './lambdaImage';
import { cdkAppsIn } from './cdkApp';
import { applyCdkNodejsDefaults } from './cdkDefaults';
import { dirOf, joinPath } from '../relpath';
import { chartsOf, renderHelmUnit } from './helm';
import { kustomizeView } from './kustomize';
import { linkServices } from './services';

export interface ExtraFinding {
  file: string;
  raw: RawFinding;
  unit: Unit;
}

export interface Fleet {
  /** The units to report, merged. */
  units: Unit[];
  /** Every extracted unit → the unit it became; patch files' units map to undefined. */
  canonical: Map<Unit, Unit | undefined>;
  /** Names a unit had before Helm values filled it in, so findings that named it can follow. */
  oldNames: Map<Unit, string[]>;
  /** Workload ↔ code joins of the reported workloads. */
  code: Map<Unit, CodeJoin>;
  /** Findings the join itself raises (patched values, gRPC service definitions, rendered Helm workloads judged again). */
  findings: ExtraFinding[];
  /** Helm workloads judged again as rendered: their files' findings of REJUDGED_RULES give way to the join's. */
  rejudged: ReadonlySet<Unit>;
}

/**
 * The rules whose answer depends on a workload's images, ports and resources, which Helm values may fill in, on its
 * containers, which a chart's conditions may leave out, or on its HTTP events, which a Service in another file gives it.
 */
export const REJUDGED_RULES = [iacListeningServer, resourceLimit, longRunning, sidecar, statefulStorage];

function via(u: Unit, listed: ReadonlySet<string>): Description['via'] {
  if (u.source === 'helm') return 'helm';
  return listed.has(u.file) ? 'kustomize-base' : 'manifest';
}

/** Which description speaks for a merged service: a plain manifest, then a Kustomize base, then a Helm template. */
const VIA_RANK: Record<Description['via'], number> = { manifest: 0, 'kustomize-base': 1, helm: 2, 'kustomize-overlay': 3 };

function mergeKey(u: Unit): string | undefined {
  if (u.kind !== 'k8s-workload' || u.generatedFrom) return undefined;
  // A templated registry (`{{ .Values.registry }}/redis:alpine`) still names the image.
  const base = u.containers?.map((c) => (c.image ? imageBase(c.image) : '')).find((b) => b && !b.includes('{{'));
  if (!base || u.name.includes('/') || u.name.includes('{{')) return undefined;
  return `${looseName(u.name)}|${base}`;
}

/** The ports a workload's containers declare (or say they serve HTTP on), in order: what its manifest says it serves. */
function portSignature(u: Unit): string {
  return (u.containers ?? [])
    .map((c) => [...(c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`), ...(c.httpEvidence ? ['http'] : [])].sort().join(','))
    .join(';');
}

/** The same trigger, where a Helm template's unrendered part (`Service {{…}} 8080→8080`) matches anything. */
function sameEvent(a: UnitEvent, b: UnitEvent): boolean {
  if (a.type !== b.type) return false;
  if (a.detail === b.detail) return true;
  // One Service described twice (a base and a secured variant with another port list) is one way in.
  if (a.service !== undefined && a.service === b.service && !String(a.service).includes('{{')) return true;
  const [t, c] = String(a.detail).includes('{{…}}') ? [String(a.detail), String(b.detail)] : [String(b.detail), String(a.detail)];
  if (!t.includes('{{…}}')) return false;
  return new RegExp(
    `^${t
      .split('{{…}}')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\S+')}$`,
  ).test(c);
}

/** A folder of optional variants of the repository's deployment. */
const VARIANT_FOLDER = /\/(?:extras?|optional|alternatives?|variants?)\//i;

export function prepareFleet(
  analyses: readonly FileAnalysis[],
  byFile: Map<string, FileAnalysis>,
  files: Iterable<string> | undefined,
  extraUnits: Unit[],
  options: JoinOptions = {},
  /** The folders holding a cdk.json (join/cdkApp.ts), which CDK asset paths are relative to. */
  cdkApps: ReadonlySet<string> = cdkAppsIn(files ?? []),
): Fleet {
  const canonical = new Map<Unit, Unit | undefined>();
  const oldNames = new Map<Unit, string[]>();
  const charts = chartsOf(analyses);
  // Triggers one file of a Terraform module folder attaches to a function another declares (before module calls are
  // read, so a call's instances carry them too).
  const folderTriggers = joinFolderTriggers(analyses);
  // Terraform module calls deploy their module's functions with the caller's inputs: those instances replace the
  // module's own units (read with variable defaults), whose findings then count for no unit.
  const modules = joinModules(analyses);
  for (const u of modules.replaced) canonical.set(u, undefined);
  // CDK construct classes do the same for the instances other files make of them (join/cdkConstructs.ts).
  const constructs = joinCdkConstructs(analyses, byFile, new Set(byFile.keys()), options);
  for (const u of constructs.replaced) canonical.set(u, undefined);
  const all = [
    ...analyses.flatMap((a) => a.units).filter((u) => !modules.replaced.has(u) && !constructs.replaced.has(u)),
    ...modules.instances.map((i) => i.unit),
    ...constructs.instances.map((i) => i.unit),
  ];
  const moduleFindings: ExtraFinding[] = [...constructs.findings];
  // A runtime the join read from a variable (join/tfvars.ts) or a CDK construct's default for its app
  // (join/cdkDefaults.ts) is checked as one written in place would have been.
  const runtimeCheck = (u: Unit, file: string, kind: 'terraform' | 'typescript') => {
    const raw: RawFinding[] = [];
    runRules([deprecatedRuntime], { file, text: '', units: [u], parsed: undefined, kind, today: options.today }, { file, options, findings: raw, errors: [] });
    for (const r of applySeverityOverrides(raw, options.rules)) moduleFindings.push({ file, raw: r, unit: u });
  };
  for (const a of analyses) for (const u of a.units) if (u.tfRuntimeVariable && u.runtime && !modules.replaced.has(u)) runtimeCheck(u, a.file, 'terraform');
  for (const u of applyCdkNodejsDefaults(all, byFile, cdkApps)) runtimeCheck(u, u.file, 'typescript');
  // Those triggers are judged where the function is declared (a finding about one points at the function).
  for (const { unit, events } of folderTriggers) {
    if (modules.replaced.has(unit)) continue;
    const ranges = Object.fromEntries(Object.entries(unit.fieldRanges ?? {}).filter(([k]) => !k.startsWith('events.')));
    const raw: RawFinding[] = [];
    runRules(
      [eventSource],
      { file: unit.file, text: '', units: [{ ...unit, events, fieldRanges: ranges }], parsed: undefined, kind: 'terraform' as const, today: options.today },
      { file: unit.file, options, findings: raw, errors: [] },
    );
    for (const r of applySeverityOverrides(raw, options.rules)) moduleFindings.push({ file: unit.file, raw: r, unit });
  }
  for (const inst of modules.instances) {
    const raw: RawFinding[] = [];
    runRules(
      iacRules,
      { file: inst.file, text: '', units: [inst.unit], parsed: undefined, kind: 'terraform' as const, today: options.today },
      { file: inst.file, options, findings: raw, errors: [] },
    );
    for (const r of applySeverityOverrides(raw, options.rules)) moduleFindings.push({ file: inst.file, raw: r, unit: inst.unit });
  }
  // Helm workloads whose images, ports or resources the chart's values filled in are judged again as rendered: a chart of Redis
  // whose image is `{{ .Values.image.repository }}` is a datastore, which the template alone could not say.
  const rejudged = new Set<Unit>();
  const unrendered = new Set<Unit>();
  for (const u of all) {
    const r = renderHelmUnit(u, charts);
    if (r.unrendered) unrendered.add(u);
    if (r.oldName !== undefined && r.oldName !== u.name) oldNames.set(u, [r.oldName]);
    if (r.rejudge) rejudged.add(u);
  }
  // Services and Ingresses written beside a workload in files of their own give it its HTTP events.
  for (const u of linkServices(all, analyses, charts)) rejudged.add(u);
  const kv = kustomizeView(analyses, byFile);
  const listed = new Set(kv.listedBy.keys());

  const toolDefaults = cliDefaultsOfTemplates(
    all,
    [...(files ?? [])].filter((f) => /\.(?:cs|fs|vb)proj$/.test(f)),
  );
  const groups = new Map<string, Unit[]>();
  const order: (Unit | string)[] = [];
  for (const u of all) {
    if ((u.kind === 'k8s-workload' && kv.patchFiles.has(u.file)) || toolDefaults.has(u) || unrendered.has(u)) {
      canonical.set(u, undefined);
      continue;
    }
    const key = mergeKey(u);
    if (key === undefined) {
      order.push(u);
      continue;
    }
    const g = groups.get(key);
    if (g) g.push(u);
    else {
      groups.set(key, [u]);
      order.push(key);
    }
  }
  // Plain manifests of one name and image that declare different ports are different deployments (two samples' `web`
  // on hello-app, one serving 8080, one a worker), not one service written twice: each set of ports is a unit.
  for (const [key, members] of [...groups]) {
    if (members.length < 2 || members.some((m) => via(m, listed) !== 'manifest')) continue;
    const bySignature = new Map<string, Unit[]>();
    for (const m of members) {
      const sig = portSignature(m);
      bySignature.set(sig, [...(bySignature.get(sig) ?? []), m]);
    }
    if (bySignature.size < 2) continue;
    const at = order.indexOf(key);
    const parts = [...bySignature.values()];
    parts.forEach((part, i) => groups.set(i === 0 ? key : `${key}|${i}`, part));
    order.splice(at + 1, 0, ...parts.slice(1).map((_, i) => `${key}|${i + 1}`));
  }
  const units: Unit[] = [];
  for (const item of order) {
    if (typeof item !== 'string') {
      canonical.set(item, item);
      units.push(item);
      describe(item, [item]);
      continue;
    }
    const members = groups.get(item)!;
    // A file of its own beats a bundle of every service (release/all.yaml), then the path decides.
    const perFile = (u: Unit) => byFile.get(u.file)?.units.length ?? 1;
    const rank = (u: Unit) => (via(u, listed) === 'helm' ? 1 : 0);
    // An optional variant (`extras/cloudsql/kubernetes-manifests/`, `alternatives/`) describes the service as it may be
    // run, not as it is: the repository's own description speaks for it.
    const variant = (u: Unit) => (VARIANT_FOLDER.test(`/${u.file}`) ? 1 : 0);
    const primary = [...members].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        variant(a) - variant(b) ||
        perFile(a) - perFile(b) ||
        VIA_RANK[via(a, listed)] - VIA_RANK[via(b, listed)] ||
        a.file.localeCompare(b.file) ||
        a.line - b.line,
    )[0];
    const merged: Unit = { ...primary, events: [...primary.events] };
    for (const m of members) {
      // What only an optional variant says (its Cloud SQL proxy sidecar, its Service) is not the service's: its
      // description is listed, its findings count for nothing, once the repository's own one speaks for it.
      if (variant(m) && !variant(primary)) {
        canonical.set(m, undefined);
        continue;
      }
      canonical.set(m, merged);
      for (const e of m.events) {
        const same = merged.events.findIndex((x) => sameEvent(x, e));
        if (same < 0) merged.events.push(e);
        // A concrete description of the same trigger replaces a templated one.
        else if (String(merged.events[same].detail).includes('{{…}}') && !String(e.detail).includes('{{…}}')) merged.events[same] = e;
      }
      const names = oldNames.get(m);
      if (names) oldNames.set(merged, [...(oldNames.get(merged) ?? []), ...names]);
    }
    units.push(merged);
    describe(merged, members);
  }
  for (const u of extraUnits) {
    canonical.set(u, u);
    units.push(u);
  }

  /** describedIn: each member's file, then the overlays that render it (when there is more than one place). */
  function describe(unit: Unit, members: Unit[]): void {
    if (unit.kind !== 'k8s-workload') return;
    const list: Description[] = [];
    const sorted = [...members].sort((a, b) =>
      a === unit || a.file === unit.file ? -1 : b === unit || b.file === unit.file ? 1 : a.file.localeCompare(b.file) || a.line - b.line,
    );
    for (const m of sorted) {
      const d: Description = { file: m.file, line: m.line, via: via(m, listed) };
      if (m.name !== unit.name) d.name = m.name;
      if (m.namespace && !m.namespace.includes('{{') && m.namespace !== unit.namespace) d.namespace = m.namespace;
      list.push(d);
      for (const v of kv.variants.get(m) ?? []) {
        if (v.deleted || !v.overlays.length) continue;
        if (list.some((x) => x.file === v.root && x.via === 'kustomize-overlay')) continue;
        const o: Description = { file: v.root, line: 1, via: 'kustomize-overlay' };
        if (v.name !== unit.name) o.name = v.name;
        if (v.namespace && v.namespace !== unit.namespace) o.namespace = v.namespace;
        list.push(o);
      }
    }
    if (list.length > 1) unit.describedIn = list;
  }

  const findings: ExtraFinding[] = [...moduleFindings];
  for (const f of kv.findings) {
    const unit = canonical.get(f.unit);
    if (unit) findings.push({ ...f, unit });
  }

  const index = buildCodeIndex(analyses, files ?? [], byFile);
  noteProjectImages(units, index);
  const code = new Map<Unit, CodeJoin>();
  for (const u of units) {
    if (u.kind === 'lambda-function') {
      const rust = rustRuntimeEvidence(u, byFile, index.known);
      if (rust) findings.push(rust);
      // An image function's Dockerfile (its base, the handler its CMD names, Lambda Web Adapter copied in).
      if (u.packageType === 'Image') {
        const found = lambdaImageBuild(u, byFile, cdkApps);
        if (found) u.imageBuild = found;
        else delete u.imageBuild;
        findings.push(...imageEntryFindings(u, options));
      }
      // An image whose command starts a program rather than naming a handler (a web app behind Lambda Web Adapter):
      // its code is what that command starts, found as a container's is.
      const build = u.imageBuild;
      if (build && !build.handler) {
        const context = u.codeUri !== undefined ? joinPath(dirOf(u.file), u.codeUri) : dirOf(build.dockerfile);
        code.set(u, joinBuild(context, build.dockerfile, "its Dockerfile's command", index, {}, 'the template'));
      }
      // A handler that names a shell script (`Handler: run.sh` with Lambda Web Adapter's /opt/bootstrap wrapper): the
      // program the script starts, in the function's code folder.
      if (u.packageType !== 'Image' && u.handler && /\.(?:sh|bash)$/i.test(u.handler)) {
        for (const folder of codeFolders(u)) {
          // A Java build copies its resources folder to the package's root (Maven and Gradle).
          const script = [joinPath(folder, u.handler), joinPath(folder, `src/main/resources/${u.handler}`)].find((f) => byFile.has(f));
          const run = script && byFile.get(script)?.facts?.processes?.run;
          if (!run) continue;
          code.set(u, joinLaunch(folder, run, 'the script its handler names', index));
          break;
        }
      }
      continue;
    }
    if (u.kind !== 'k8s-workload') continue;
    const joins = (u.containers ?? []).map((c, i) => joinContainer(c, u, index, u.source === 'helm' ? u.templated?.[`containers.${i}.image`] : undefined));
    const main = joins[0];
    if (!main) continue;
    const joined = joins.filter((j) => j.context !== undefined);
    const result: CodeJoin = {
      entries: [...new Set(joins.flatMap((j) => j.entries))],
      other: [...new Set(joins.flatMap((j) => j.other))],
      ...(main.context !== undefined ? { context: main.context } : joined[0] ? { context: joined[0].context } : {}),
      ...((main.joinedBy ?? joined[0]?.joinedBy) ? { joinedBy: main.joinedBy ?? joined[0]?.joinedBy } : {}),
      ...(main.note ? { note: main.note } : {}),
      protos: [...new Set(joins.flatMap((j) => j.protos ?? []))],
    };
    code.set(u, result);
    const grpc = grpcEvidence(u, result, byFile);
    if (grpc) findings.push(grpc);
    // A static site's web server is judged again knowing what it serves (iac/listening-server says S3 and CloudFront),
    // and a container built FROM a datastore's image knowing it runs that datastore.
    const builtFrom = joins.map((j) => j.builtFrom);
    if (main.staticSite || builtFrom.some(Boolean)) {
      if (main.staticSite) result.staticSite = u.staticSite = main.staticSite;
      const mark = (w: Unit) => {
        if (main.staticSite) w.staticSite = main.staticSite;
        for (const [i, from] of builtFrom.entries()) if (from && w.containers?.[i]) w.containers[i].builtFrom = from;
      };
      mark(u);
      for (const [m, c] of canonical)
        if (c === u) {
          mark(m);
          rejudged.add(m);
        }
    }
  }
  for (const u of rejudged) {
    const unit = canonical.get(u);
    if (!unit) continue;
    const raw: RawFinding[] = [];
    runRules(
      REJUDGED_RULES,
      { file: u.file, text: '', units: [u], parsed: undefined, kind: u.source === 'helm' ? 'helm-template' : 'kubernetes', today: options.today },
      { file: u.file, options, findings: raw, errors: [] },
    );
    for (const r of applySeverityOverrides(raw, options.rules)) findings.push({ file: u.file, raw: r, unit });
  }
  return { units, canonical, oldNames, code, findings, rejudged };
}

/**
 * aws-lambda-tools-defaults.json files that are the .NET CLI's defaults for a function a template deploys (`sam init`
 * writes one into each project folder): the file sits in the function's code folder, or for a .NET or custom runtime
 * whose package is a folder of several projects (a Makefile build), under it, or it is in the project that builds a
 * declared function's handler, naming the same handler (a CDK app deploying the project's `dotnet publish` output).
 * Such a file is not a second function.
 */
function cliDefaultsOfTemplates(all: readonly Unit[], projectFiles: readonly string[]): Set<Unit> {
  const exact = new Set<string>();
  const packages: string[] = [];
  /** The project folders that build declared functions' `Assembly::Namespace.Class::Method` handlers, with the handler. */
  const built = new Set<string>();
  for (const u of all) {
    if (u.kind !== 'lambda-function' || u.source === 'dotnet-lambda-tools' || u.source === 'aws' || u.inlineCode) continue;
    const project = u.handler?.split('::').length === 3 ? nearestProject(u.handler.split('::')[0], u.file, projectFiles) : undefined;
    if (project !== undefined) built.add(`${project}\0${u.handler}`);
    for (const folder of codeFolders(u)) {
      exact.add(folder);
      if (/^(?:dotnet|provided)/.test(u.runtime ?? '')) packages.push(folder);
    }
  }
  const out = new Set<Unit>();
  for (const u of all) {
    if (u.source !== 'dotnet-lambda-tools') continue;
    const dir = dirOf(u.file);
    if (exact.has(dir) || packages.some((p) => p === '' || dir.startsWith(`${p}/`)) || built.has(`${dir}\0${u.handler}`)) out.add(u);
  }
  return out;
}

/**
 * The folder of the project that builds an assembly for a function declared in `from`: of the project files of that
 * name, the one sharing the longest folder path with the declaration (none when two do).
 */
function nearestProject(assembly: string, from: string, projectFiles: readonly string[]): string | undefined {
  const names = [`${assembly}.csproj`, `${assembly}.fsproj`, `${assembly}.vbproj`];
  const shared = (p: string) => {
    const a = dirOf(p).split('/');
    const b = dirOf(from).split('/');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const ranked = projectFiles
    .filter((p) => names.some((n) => p === n || p.endsWith(`/${n}`)))
    .map((p) => ({ p, n: shared(p) }))
    .sort((x, y) => y.n - x.n);
  return ranked.length && (ranked.length === 1 || ranked[0].n > ranked[1].n) ? dirOf(ranked[0].p) : undefined;
}

/**
 * A workload whose health is checked with an httpGet probe on the port it serves (the port it declares, by number or
 * name, not a grpc one) answers HTTP there: one image that can also start a gRPC server (whereami's GRPC_ENABLED) runs
 * as an HTTP service in this workload, and its .proto says nothing about this one.
 */
function answersHttpOnItsPort(u: Unit): boolean {
  return (u.containers ?? []).some((c, i) => {
    if (u.fieldRanges?.[`containers.${i}.probe.grpc`]) return false;
    const probePort = u.httpProbePorts?.[`containers.${i}`];
    if (probePort === undefined) return false;
    return (c.ports ?? []).some((p) => (String(p.containerPort) === probePort || p.name === probePort) && !/^grpc/i.test(p.name ?? ''));
  });
}

/** A .NET project's build output (`src/app/bin/Release/net8.0/app.zip`, what `dotnet lambda package` writes): the project folder. */
export function dotnetProjectOf(path: string): string | undefined {
  return /^(.*?)\/?bin\/(?:Release|Debug)(?:\/|$)/i.exec(path)?.[1];
}

/** Where a function's code path may be: beside its declaration (a .NET build output: its project), and for CDK also from the app's root (one folder up). */
function codeFolders(u: Unit): string[] {
  const here = joinPath(dirOf(u.file), u.codeUri ?? '');
  const project = dotnetProjectOf(here);
  if (project !== undefined) return [project];
  return u.source === 'cdk' ? [here, joinPath(dirOf(dirOf(u.file)), u.codeUri ?? '')] : [here];
}

/** The Cargo.toml of a custom-runtime function's crate (its code folder, or the crate cargo builds into target/ of), when no other code is there. */
export function rustManifestOf(u: Unit, byFile: ReadonlyMap<string, FileAnalysis>, known: ReadonlySet<string>): FileAnalysis | undefined {
  if (u.kind !== 'lambda-function' || !/^provided|^rust$/.test(u.runtime ?? '')) return undefined;
  const start = joinPath(dirOf(u.file), u.codeUri ?? '');
  // serverless-rust (`runtime: rust`): the handler names the Cargo package, a member folder of the service's workspace.
  const member = u.runtime === 'rust' && u.handler ? byFile.get(joinPath(start, u.handler.split('.')[0], 'Cargo.toml')) : undefined;
  if (member?.kind === 'cargo-toml') return member;
  // Go or any analysed language in the code folder is that function's code, whatever a Cargo.toml above says.
  const prefix = start ? `${start}/` : '';
  for (const f of known) if (f.startsWith(prefix) && /\.(?:go|[cm]?[jt]s|py|java|cs)$/.test(f)) return undefined;
  // The code folder is the crate, or cargo's build output under the crate (`target/lambda/NAME/`): from inside a
  // `target/` folder the crate is the folder that holds it.
  const target = /(^|\/)target(\/|$)/.exec(start);
  const crate = target ? start.slice(0, target.index) : start;
  const a = byFile.get(joinPath(crate, 'Cargo.toml'));
  if (a?.kind === 'cargo-toml') return a;
  // An archive a script zips from cargo's output (`out/login/login.zip`): the crate or Cargo workspace of the template's
  // own folder builds it.
  const beside = /\.zip$/i.test(start) ? byFile.get(joinPath(dirOf(u.file), 'Cargo.toml')) : undefined;
  return beside?.kind === 'cargo-toml' ? beside : undefined;
}

/** build/rust-lambda-runtime for a function whose Cargo.toml depends on the Lambda runtime crates. */
function rustRuntimeEvidence(u: Unit, byFile: ReadonlyMap<string, FileAnalysis>, known: ReadonlySet<string>): ExtraFinding | undefined {
  const manifest = rustManifestOf(u, byFile, known);
  const crates = (manifest?.facts?.rustCrates ?? []).filter((c) => RUST_LAMBDA_CRATES[c.name] !== undefined);
  // An HTTP-invoked function's requests come through lambda_http when the crate has it; others through lambda_runtime.
  const http = u.events.some((e) => e.type === 'http');
  const crate = crates.find((c) => (c.name === 'lambda_http') === http) ?? crates[0];
  if (!manifest || !crate) return undefined;
  const raw: RawFinding[] = [];
  makeReporter(
    rustLambdaRuntime,
    raw,
  )({ messageId: 'crate', data: { name: u.name, crate: crate.name, what: RUST_LAMBDA_CRATES[crate.name] }, at: [crate.start, crate.end] });
  return { file: manifest.file, raw: raw[0], unit: u };
}

/**
 * iac/pod-entry-point for an image function whose language the template alone does not tell (the rule saw an image it
 * could not read): judged again with the Dockerfile the join found (a Java or .NET handler behind HTTP or a queue, an
 * app behind the Lambda Web Adapter fed by a queue), or, with none found, the image no runner can be chosen for, which
 * the conversion refuses.
 */
function imageEntryFindings(u: Unit, options: JoinOptions): ExtraFinding[] {
  if (runnerFor({ ...u, imageBuild: undefined }) !== 'unknown') return [];
  const raw: RawFinding[] = [];
  // A Dockerfile found that builds on no Lambda base image and names no handler: the program it starts is the function.
  const own = u.imageBuild;
  if (runnerFor(u) === 'unknown')
    makeReporter(
      podEntryPoint.meta,
      raw,
    )(
      own
        ? { unit: u.name, messageId: 'ownProgram', data: { name: u.name, dockerfile: own.dockerfile, from: own.from }, at: at(u, 'image') }
        : { unit: u.name, messageId: 'unknownImage', data: { name: u.name, image: u.image || 'not given' }, at: at(u, 'image') },
    );
  else
    runRules(
      [podEntryPoint],
      { file: u.file, text: '', units: [u], parsed: undefined, kind: 'cloudformation', today: options.today },
      { file: u.file, options, findings: raw, errors: [] },
    );
  return applySeverityOverrides(raw, options.rules).map((r) => ({ file: u.file, raw: r, unit: u }));
}

/**
 * A `.proto` in the build context that defines the service this workload serves: the only service there, or one
 * named like the workload (a shared proto with every service of a system is also read by clients).
 */
function grpcEvidence(u: Unit, join: CodeJoin, byFile: Map<string, FileAnalysis>): ExtraFinding | undefined {
  const ctx = join.context;
  // A Job or CronJob runs its image's program to completion (or a command of its own) and serves no one.
  if (ctx === undefined || answersHttpOnItsPort(u) || JOB_KINDS.has(u.workloadKind ?? '')) return undefined;
  for (const file of join.protos ?? []) {
    const a = byFile.get(file);
    if (a?.kind !== 'proto') continue;
    const services = a.facts?.grpcServices ?? [];
    // A proto of the service's own folder with one service is its interface; one copied in from a shared folder of
    // protos must name the workload.
    const own = ctx === '' || file.startsWith(`${ctx}/`);
    const mine =
      own && services.length === 1
        ? services[0]
        : services.find(
            (s) =>
              looseName(s.name) === looseName(u.name) ||
              looseName(s.name) === `${looseName(u.name)}service` ||
              `${looseName(s.name)}service` === looseName(u.name),
          );
    if (!mine) continue;
    const raw: RawFinding[] = [];
    makeReporter(
      grpcService,
      raw,
    )({ messageId: mine.streaming ? 'streaming' : 'service', data: { name: u.name, context: ctx || '.', service: mine.name }, at: [mine.start, mine.end] });
    return { file: a.file, raw: raw[0], unit: u };
  }
  return undefined;
}
