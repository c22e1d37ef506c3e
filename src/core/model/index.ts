import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ModuleInfo } from '../js/module';
import { parseHcl } from '../parsers/hcl';
import { mapEntries, mapGet, parseYaml, toJS } from '../parsers/yaml';
import { computeLineStarts, lineColumnAt } from '../position';
import { extractDefines } from '../helmTemplate';
import type { FileAnalysis, FileFacts, FileKind, K8sRoute, K8sService, RawFinding, Unit } from '../types';
import type { Node as YamlNode } from 'yaml';
import {
  extractBuildScript,
  extractCompose,
  jsonPatchOps,
  extractDockerfile,
  extractHelmChart,
  extractHelmValues,
  extractKustomization,
  extractCargo,
  extractGoMod,
  extractJavaBuild,
  extractCdkJson,
  extractPackageJson,
  extractProcfile,
  extractProto,
  extractSkaffold,
} from './build';
import { extractCdkUnits } from './cdk';
import { extractCloudFormationUnits } from './cloudformation';
import { blankJsonComments, extractDotnetToolsUnits } from './dotnetTools';
import { extractHelmTemplate, extractKubernetes, extractWorkloadPatches } from './kubernetes';
import { extractServerlessUnits } from './serverless';
import {
  extractTerraform,
  terraformDefaults,
  terraformJsonVarNumbers,
  terraformJsonVarRuntimes,
  terraformRuntimeDefaults,
  terraformVarNumbers,
  terraformVarRuntimes,
} from './terraform';
import { extractTerraformKubernetes } from './terraformK8s';

export interface ModelExtraction {
  units: Unit[];
  /** Format-specific parse result handed to model rules. */
  parsed: unknown;
  /** Parse problems as (offset, message); the first becomes the file's parse-error finding. */
  parseErrors: { offset: number; message: string }[];
  /** Findings the extractor itself raises (e.g. unresolved variables). */
  findings?: RawFinding[];
  /** What build and deployment files say, for the workspace join (src/core/join/). */
  facts?: FileFacts;
}

/** A manifest's Services and Ingress routes as facts: the join gives them to the workloads of other files they select. */
function serviceFacts(services: K8sService[], routes: K8sRoute[]): FileFacts {
  return { ...(services.length ? { k8sServices: services } : {}), ...(routes.length ? { k8sRoutes: routes } : {}) };
}

/** Reads one IaC file into units. Pure: text in, model out. */
/**
 * Logical ID → construct id of each resource with the `aws:cdk:path` metadata `cdk synth` writes
 * (`Stack/Orders/Handler/Resource` → `Handler`); undefined when none has it.
 */
function constructIds(roots: (YamlNode | null)[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const root of roots)
    for (const [id, res] of mapEntries(mapGet(root, 'Resources'))) {
      const path = toJS(mapGet(mapGet(res, 'Metadata'), 'aws:cdk:path'));
      if (typeof path !== 'string') continue;
      const parts = path.split('/');
      const construct = parts[parts.length - 1] === 'Resource' && parts.length > 1 ? parts[parts.length - 2] : parts[parts.length - 1];
      if (construct) out[id] = construct;
    }
  return Object.keys(out).length ? out : undefined;
}

/** The logical ids of a template's Lambda MicroVM images (`AWS::Lambda::MicrovmImage`). */
function microvmImagesOf(docs: unknown[]): string[] {
  const out: string[] = [];
  for (const d of docs) {
    const resources = d && typeof d === 'object' ? (d as { Resources?: unknown }).Resources : undefined;
    if (!resources || typeof resources !== 'object') continue;
    for (const [id, r] of Object.entries(resources as Record<string, unknown>))
      if (r && typeof r === 'object' && (r as { Type?: unknown }).Type === 'AWS::Lambda::MicrovmImage') out.push(id);
  }
  return out;
}

export function extractUnits(kind: FileKind, text: string, file: string): ModelExtraction | undefined {
  switch (kind) {
    case 'cloudformation': {
      const parsed = parseYaml(text, { cloudFormation: true });
      if (parsed.errors.length) return { units: [], parsed, parseErrors: parsed.errors };
      const units = parsed.docs.flatMap((d) => extractCloudFormationUnits(d, file));
      const cdkConstructs = text.includes('aws:cdk:path') ? constructIds(parsed.docs.map((d) => d.contents as YamlNode | null)) : undefined;
      const microvmImages = text.includes('AWS::Lambda::MicrovmImage')
        ? microvmImagesOf(parsed.docs.map((d) => toJS(d.contents as YamlNode | null)))
        : undefined;
      const facts = { ...(cdkConstructs ? { cdkConstructs } : {}), ...(microvmImages?.length ? { microvmImages } : {}) };
      return { units, parsed, parseErrors: [], ...(Object.keys(facts).length ? { facts } : {}) };
    }
    case 'serverless': {
      // serverless.yml may embed CloudFormation short forms under `resources:` and in values.
      const parsed = parseYaml(text, { cloudFormation: true });
      if (parsed.errors.length) return { units: [], parsed, parseErrors: parsed.errors };
      return { units: parsed.docs.flatMap((d) => extractServerlessUnits(d, file)), parsed, parseErrors: [] };
    }
    case 'dotnet-lambda-tools': {
      // JSON (a BOM, comments and trailing commas are accepted, as Amazon.Lambda.Tools accepts the first two).
      const parsed = parseYaml(blankJsonComments(text));
      if (parsed.errors.length) return { units: [], parsed, parseErrors: parsed.errors };
      return { units: extractDotnetToolsUnits(parsed.docs[0], file), parsed, parseErrors: [] };
    }
    case 'kubernetes': {
      const parsed = parseYaml(text);
      if (parsed.errors.length) return { units: [], parsed, parseErrors: parsed.errors };
      const ops = jsonPatchOps(parsed.docs[0]?.contents as YamlNode | null);
      if (ops) return { units: [], parsed, parseErrors: [], facts: { jsonPatchOps: ops } };
      const patches = extractWorkloadPatches(parsed.docs, text);
      const { units, services, routes, configMaps } = extractKubernetes(parsed.docs, file);
      const facts = {
        ...(patches.length ? { patches } : {}),
        ...serviceFacts(services, routes),
        ...(Object.keys(configMaps).length ? { k8sConfigMaps: configMaps } : {}),
      };
      return { units, parsed, parseErrors: [], ...(Object.keys(facts).length ? { facts } : {}) };
    }
    case 'helm-template': {
      // Templates are not YAML until rendered: never a parse error, best-effort units with notes instead.
      const { units, parsed, services, routes } = extractHelmTemplate(text, file);
      const facts = serviceFacts(services, routes);
      return { units, parsed, parseErrors: [], ...(Object.keys(facts).length ? { facts } : {}) };
    }
    case 'terraform': {
      const parsed = parseHcl(text);
      // Units from the error-recovered tree still help the editor; model rules skip files with syntax errors.
      const defaults = terraformDefaults(parsed);
      const runtimes = terraformRuntimeDefaults(parsed);
      const { units, moduleCalls, moduleUnits, functionKeys, triggers } = extractTerraform(parsed, file);
      // Workloads and Services of the kubernetes provider, read as the manifests they declare.
      const k8s = extractTerraformKubernetes(parsed, file);
      const facts = {
        ...(moduleCalls.length ? { moduleCalls } : {}),
        ...(moduleUnits.length ? { moduleUnits } : {}),
        ...(triggers.length ? { tfTriggers: triggers } : {}),
        ...(functionKeys.length ? { tfFunctionKeys: functionKeys } : {}),
        ...(Object.keys(defaults).length ? { tfNumbers: defaults } : {}),
        ...(Object.keys(runtimes).length ? { tfRuntimes: runtimes } : {}),
        ...serviceFacts(k8s.services, k8s.routes),
      };
      const hasFacts = Object.keys(facts).length > 0;
      return { units: [...units, ...k8s.units], parsed, parseErrors: parsed.errors.slice(0, 1), ...(hasFacts ? { facts } : {}) };
    }
    case 'terraform-vars': {
      // Values for the stack's variables: facts for the join (src/core/join/tfvars.ts), never units.
      if (file.toLowerCase().endsWith('.json')) {
        const { values, error } = terraformJsonVarNumbers(text);
        return {
          units: [],
          parsed: undefined,
          parseErrors: error ? [{ offset: 0, message: error }] : [],
          facts: { tfNumbers: values, tfRuntimes: terraformJsonVarRuntimes(text) },
        };
      }
      const parsed = parseHcl(text);
      return {
        units: [],
        parsed: undefined,
        parseErrors: parsed.errors.slice(0, 1),
        facts: { tfNumbers: terraformVarNumbers(parsed), tfRuntimes: terraformVarRuntimes(parsed) },
      };
    }
    case 'helm-values':
    case 'kustomization':
    case 'helm-chart': {
      const parsed = parseYaml(text);
      if (parsed.errors.length) return { units: [], parsed, parseErrors: parsed.errors };
      const facts =
        kind === 'kustomization'
          ? extractKustomization(parsed, text, (t) => parseYaml(t))
          : kind === 'helm-values'
            ? extractHelmValues(parsed, text)
            : extractHelmChart(parsed);
      return { units: [], parsed, parseErrors: [], facts };
    }
    // Build and packaging files: facts for the join, never units or parse errors (they are not ours to lint).
    case 'skaffold':
    case 'compose': {
      const parsed = parseYaml(text);
      if (parsed.errors.length) return { units: [], parsed: undefined, parseErrors: [] };
      return {
        units: [],
        parsed: undefined,
        parseErrors: [],
        facts: kind === 'skaffold' ? extractSkaffold(parsed, text) : extractCompose(parsed.docs[0], text),
      };
    }
    case 'dockerfile':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractDockerfile(text) };
    case 'helm-helpers':
      return { units: [], parsed: undefined, parseErrors: [], facts: { helmDefines: extractDefines(text) } };
    case 'procfile':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractProcfile(text) };
    case 'package-json':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractPackageJson(text) };
    case 'cdk-json':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractCdkJson(text) };
    case 'build-script':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractBuildScript(text, { makefile: /(?:^|\/)(?:gnu)?makefile$/i.test(file) }) };
    case 'cargo-toml':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractCargo(text) };
    case 'go-mod':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractGoMod(text) };
    case 'java-build':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractJavaBuild(text, file) };
    case 'proto':
      return { units: [], parsed: undefined, parseErrors: [], facts: extractProto(text) };
    default:
      return undefined;
  }
}

/**
 * Units declared in code (CDK constructs) from the already-parsed AST, added to `result.units` and returned (the caller
 * runs the model rules on them). Called once from analyzeFile's JS branch.
 */
export function addCodeUnits(ast: TSESTree.Program, modules: ModuleInfo, text: string, result: FileAnalysis): Unit[] {
  const facts: FileFacts = {};
  const units = extractCdkUnits(ast, modules, text, result.file, facts);
  if (facts.cdkConstructClasses || facts.cdkInstances) result.facts = { ...result.facts, ...facts };
  if (!units.length) return units;
  const lineStarts = result.lineStarts.length ? result.lineStarts : computeLineStarts(text);
  for (const u of units) if (u.range) u.line = lineColumnAt(lineStarts, u.range[0]).line;
  result.units.push(...units);
  return units;
}
