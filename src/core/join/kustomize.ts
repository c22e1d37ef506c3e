// Kustomize for the join, without running kustomize: which manifests a kustomization lists, what overlays do to
// them (namePrefix, nameSuffix, namespace, images, patches, components), and which files are patches (never units).
import { resourceLimit } from '../rules/iac/resource-limit';
import { statefulStorage } from '../rules/iac/stateful-storage';
import { makeReporter } from '../rules/types';
import type { FileAnalysis, FileFacts, RawFinding, Unit, WorkloadPatch } from '../types';
import { dirOf, joinPath } from '../relpath';
import { jsonPatchToWorkloadPatch } from '../model/build';

type Kustomization = NonNullable<FileFacts['kustomization']>;

interface Node {
  file: string;
  dir: string;
  k: Kustomization;
}

/** A manifest's workload as one kustomization (through its chain of bases) renders it. */
interface KustomizeVariant {
  /** The outermost kustomization of the chain (an overlay, or the base itself). */
  root: string;
  /** The kustomization that lists the manifest. */
  lister: string;
  /** Kustomizations between the root and the lister that are not the lister (overlays), outermost first. */
  overlays: string[];
  name: string;
  namespace?: string;
  image?: string;
  deleted: boolean;
}

interface PatchFinding {
  file: string;
  raw: RawFinding;
  unit: Unit;
}

export interface KustomizeView {
  /** Files named as patches by any kustomization: never units. */
  patchFiles: Set<string>;
  /** Manifest files listed by a kustomization (bases), with the first lister. */
  listedBy: Map<string, string>;
  /** Per unit (of a listed manifest): how each root renders it. */
  variants: Map<Unit, KustomizeVariant[]>;
  /** Findings about values the patches set (memory, volumes), in the patch files. */
  findings: PatchFinding[];
}

const isRemote = (p: string) => /^[a-z][\w+.-]*:\/\/|^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(p) || p.includes('?ref=');

/** Image transformer: `images: [{ name, newName, newTag }]` applied to one image reference. */
function transformImage(image: string | undefined, rules: Kustomization['images']): string | undefined {
  if (!image) return image;
  const m = /^(.*?)(?::([\w][\w.-]*))?(@sha256:[a-f0-9]+)?$/.exec(image);
  const repo = m?.[1] ?? image;
  for (const r of rules) {
    if (r.name !== repo) continue;
    const tag = r.newTag ?? m?.[2];
    return `${r.newName ?? repo}${tag ? `:${tag}` : ''}`;
  }
  return image;
}

/** Patch records of a patch file: image-less documents, and full workload documents (units) used as patches. */
function patchesIn(file: string, byFile: Map<string, FileAnalysis>): WorkloadPatch[] {
  const a = byFile.get(file);
  if (!a) return [];
  const fromUnits = a.units
    .filter((u) => u.kind === 'k8s-workload' && u.workloadKind)
    .map((u): WorkloadPatch => ({
      kind: u.workloadKind!,
      name: u.name,
      line: u.line,
      replicas: u.replicas,
      containers: (u.containers ?? []).map((c) => ({ name: c.name, image: c.image, resources: c.resources })),
      volumes: u.volumes,
      fieldRanges: u.fieldRanges,
    }));
  return [...(a.facts?.patches ?? []), ...fromUnits];
}

/**
 * Reads every kustomization into variants of the listed workloads. `units` are the units of analysed manifests (by
 * file); a unit that no kustomization lists has no variants.
 */
export function kustomizeView(analyses: readonly FileAnalysis[], byFile: Map<string, FileAnalysis>): KustomizeView {
  const nodes = new Map<string, Node>();
  for (const a of analyses)
    if (a.kind === 'kustomization' && a.facts?.kustomization) nodes.set(dirOf(a.file), { file: a.file, dir: dirOf(a.file), k: a.facts.kustomization });
  const patchFiles = new Set<string>();
  const referenced = new Set<string>();
  for (const n of nodes.values()) {
    for (const p of n.k.patches) patchFiles.add(joinPath(n.dir, p));
    for (const r of [...n.k.resources, ...n.k.components]) if (!isRemote(r) && nodes.has(joinPath(n.dir, r))) referenced.add(joinPath(n.dir, r));
  }
  const listedBy = new Map<string, string>();
  const variants = new Map<Unit, KustomizeVariant[]>();
  const findings: PatchFinding[] = [];

  interface Acc {
    prefix: string;
    suffix: string;
    namespace?: string;
    images: Kustomization['images'][];
    /** Patches of the kustomizations above, with the file each came from. */
    patches: { file: string; patch: WorkloadPatch }[];
    chain: Node[];
  }
  const patchesOf = (n: Node): Acc['patches'] => [
    ...n.k.patches.flatMap((p) => patchesIn(joinPath(n.dir, p), byFile).map((patch) => ({ file: joinPath(n.dir, p), patch }))),
    ...n.k.inlinePatches.map((patch) => ({ file: n.file, patch })),
    ...(n.k.jsonPatches ?? []).flatMap((j) => {
      // JSON 6902: the target names the workload; the operations come from the file it points at, or inline.
      if (!j.target.kind || !j.target.name) return [];
      const file = j.path !== undefined ? joinPath(n.dir, j.path) : n.file;
      const ops = j.path !== undefined ? byFile.get(file)?.facts?.jsonPatchOps : j.ops;
      if (!ops?.length) return [];
      return [{ file, patch: jsonPatchToWorkloadPatch({ kind: j.target.kind, name: j.target.name }, ops, 1) }];
    }),
  ];
  const visit = (n: Node, acc: Acc, seen: Set<string>) => {
    if (seen.has(n.dir)) return; // a cycle of bases: kustomize refuses it too
    seen = new Set(seen).add(n.dir);
    const components = n.k.components
      .filter((c) => !isRemote(c))
      .map((c) => nodes.get(joinPath(n.dir, c)))
      .filter((c): c is Node => !!c);
    // Inner transformers apply first: this level's prefix sits inside the outer ones'.
    const here: Acc = {
      prefix: acc.prefix + (n.k.namePrefix ?? ''),
      suffix: (n.k.nameSuffix ?? '') + acc.suffix,
      namespace: acc.namespace ?? n.k.namespace,
      images: [n.k.images, ...acc.images],
      patches: [...patchesOf(n), ...components.flatMap(patchesOf), ...acc.patches],
      chain: [...acc.chain, n],
    };
    const resources = [
      ...n.k.resources.filter((r) => !isRemote(r)).map((r) => ({ r, from: n })),
      ...components.flatMap((c) => c.k.resources.filter((r) => !isRemote(r)).map((r) => ({ r, from: c }))),
    ];
    for (const { r, from } of resources) {
      const p = joinPath(from.dir, r);
      const child = nodes.get(p);
      if (child) {
        visit(child, here, seen);
        continue;
      }
      const a = byFile.get(p);
      if (!a) continue;
      if (!listedBy.has(p)) listedBy.set(p, from.file);
      for (const u of a.units) {
        if (u.kind !== 'k8s-workload') continue;
        let image = u.image;
        for (const rules of here.images) image = transformImage(image, rules);
        const name = `${here.prefix}${u.name}${here.suffix}`;
        const v: KustomizeVariant = {
          root: here.chain[0].file,
          lister: from.file,
          overlays: here.chain.filter((c) => c !== from && c.file !== from.file).map((c) => c.file),
          name,
          ...((here.namespace ?? u.namespace) ? { namespace: here.namespace ?? u.namespace } : {}),
          ...(image ? { image } : {}),
          deleted: false,
        };
        for (const { file, patch } of here.patches) {
          if (patch.kind !== u.workloadKind || (patch.name !== u.name && patch.name !== name)) continue;
          if (patch.delete) v.deleted = true;
          else findings.push(...checkPatch(u, name, patch, file, byFile));
        }
        const list = variants.get(u) ?? [];
        list.push(v);
        variants.set(u, list);
      }
    }
  };
  for (const n of [...nodes.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    if (!referenced.has(n.dir)) visit(n, { prefix: '', suffix: '', images: [], patches: [], chain: [] }, new Set());
  }
  return { patchFiles, listedBy, variants, findings: dedupeFindings(findings) };
}

function dedupeFindings(list: PatchFinding[]): PatchFinding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.file}:${f.raw.start}:${f.raw.ruleId}:${f.raw.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What a patch changes that decides a verdict: memory/CPU/GPU requests and volumes, checked by the same model rules
 * as manifests, on the workload as patched; only findings that point into the patch are kept.
 */
function checkPatch(base: Unit, name: string, patch: WorkloadPatch, file: string, byFile: Map<string, FileAnalysis>): PatchFinding[] {
  if (!byFile.has(file)) return [];
  const fieldRanges: Record<string, [number, number]> = {};
  const containers = (base.containers ?? []).map((c) => ({ ...c }));
  for (const [i, pc] of patch.containers.entries()) {
    const j = pc.index !== undefined ? (pc.index < containers.length ? pc.index : -1) : containers.findIndex((c) => c.name === pc.name);
    if (j < 0 || !pc.resources) continue;
    containers[j].resources = { ...containers[j].resources, ...pc.resources };
    const r = patch.fieldRanges?.[`containers.${i}.resources`];
    if (r) fieldRanges[`containers.${j}.resources`] = r;
  }
  const volumes = [...(base.volumes ?? [])];
  for (const [k, v] of (patch.volumes ?? []).entries()) {
    const r = patch.fieldRanges?.[`volumes.${k}`];
    if (r) fieldRanges[`volumes.${volumes.length}`] = r;
    volumes.push(v);
  }
  const ranges = Object.values(fieldRanges);
  if (!ranges.length) return [];
  const synthetic: Unit = { ...base, name, containers, volumes, fieldRanges, range: [-1, -1] };
  const raw: RawFinding[] = [];
  for (const rule of [resourceLimit, statefulStorage])
    rule.check({ file, text: '', units: [synthetic], parsed: undefined, kind: 'kubernetes', report: makeReporter(rule.meta, raw) });
  return raw.filter((f) => ranges.some((r) => r[0] === f.start && r[1] === f.end)).map((f) => ({ file, raw: f, unit: base }));
}
