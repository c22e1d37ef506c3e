import { resolveImport } from './join/subpath';
import { eventSource } from './rules/iac/event-source';
import { escapeRegExp } from './prefilter';
import { isCodeKind } from './detect';
import { assessesKind, declaredOwners, generatedOnly, keepsFinding, type DirectionSetting } from './direction';
import { unitKey } from './identity';
import { toContractFinding } from './position';
import { splitHandler } from './model/cloudformation';
import { decidingReasons, readinessOf } from './report/verdict';
import { redactUnit } from './secrets';
import { dotnetProjectOf, prepareFleet, REJUDGED_RULES, rustManifestOf } from './join';
import { cdkAppRoot as appRoot, cdkAppsIn } from './join/cdkApp';
import { clusterServiceFindings } from './join/clusterCalls';
import type { CodeJoin } from './join/code';
import { applyTerraformVariables } from './join/tfvars';
import { withoutCdkOutput } from './join/cdkOutput';
import type { JoinOptions } from './join/cdkConstructs';
import type { AnalysisError, AssessResult, FileAnalysis, FileJoinRecord, Finding, OwnerUnit, Unit } from './types';
import { VERSION } from './version';
import { adaptedAppPhrase, behindAdapterImage, inFolders, javaProxyFramework, javaProxyPackage, webAdapterFolders } from './webAdapter';
import { CODE_EXTS, dirOf, joinPath, nearestFolder, resolveModuleFile } from './relpath';
import { looseName } from './model/images';
import { unanalysedLanguageIn } from './unanalysed';

export { dirOf, joinPath } from './relpath';

/** How a function's note ends when no code of it was read: its verdict comes from its declaration alone. */
export const TEMPLATE_ONLY = 'verdict from the template only';

/** Resolves a Lambda unit's handler to a code file in the workspace (SAM CodeUri + Handler, esbuild EntryPoints…). */
function resolveHandlerFile(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  return handlerFileAndHow(unit, known, byFile)?.file;
}

/**
 * The handler's file and how it was found: through the handler and code path (`handler`, a bundle's entry included), or
 * through the name of the package built from it (`package name`: `GetBook.zip` from `getBook.js`), where the handler
 * names the module inside the package (`index.handler`), not the source file.
 */
function handlerFileAndHow(
  unit: Unit,
  known: ReadonlySet<string>,
  byFile?: ReadonlyMap<string, FileAnalysis>,
): { file: string; how: 'handler' | 'package name' } | undefined {
  // A CDK app's own file is never a function's code (`index.handler` read in the stack's folder finds its `index.ts`
  // when the code path is not known).
  const code = (f: string | undefined) => (f !== undefined && !declaresCdk(byFile?.get(f)) ? f : undefined);
  const byHandler = code(resolveDeclaredHandlerFile(unit, known, byFile)) ?? code(bundleSource(unit, known, byFile));
  if (byHandler) return { file: byHandler, how: 'handler' };
  const byPackage = code(archiveSource(unit, known, byFile));
  return byPackage ? { file: byPackage, how: 'package name' } : undefined;
}

/** A file that declares CDK functions or construct classes, instantiates construct classes of its project, or is an infrastructure program's. */
function declaresCdk(a: FileAnalysis | undefined): boolean {
  return (
    !!a &&
    (a.units.some((u) => u.source === 'cdk') ||
      a.facts?.cdkConstructClasses !== undefined ||
      (a.facts?.cdkInstances?.length ?? 0) > 0 ||
      a.facts?.infrastructureProgram === true)
  );
}

function resolveDeclaredHandlerFile(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  // `BuildMethod: makefile`: the Makefile in CodeUri builds the function from the folders its target names.
  for (const codeUri of makeBuildRoots(unit, known, byFile)) {
    const f = resolveHandlerFile({ ...unit, codeUri, buildMethod: undefined }, known, byFile);
    if (f) return f;
  }
  const compiled = resolveCompiledHandlerFile(unit, known, byFile);
  if (compiled) return compiled;
  if (!unit.handler) return undefined;
  const split = splitHandler(unit.handler);
  if (!split) return undefined;
  // A CDK asset path is relative to the app's root (where `cdk synth` runs) unless built from __dirname; a plain path
  // whose app root is not the usual one is tried from each folder above the stack's file.
  const roots = [
    joinPath(dirOf(unit.file), unit.codeUri ?? ''),
    ...(unit.source === 'cdk' && unit.codeUri ? [joinPath(cdkAppRoot(unit.file, known), unit.codeUri)] : []),
  ];
  if (unit.source === 'cdk' && unit.codeUri && !unit.codeUri.startsWith('.'))
    for (let d = dirOf(unit.file); d !== '';) roots.push(joinPath((d = dirOf(d)), unit.codeUri));
  // An archive zipped from the sources beside it (`filename = "lambda_function.zip"` next to `handler.py`).
  if (/\.(?:zip|jar)$/i.test(roots[0])) roots.push(dirOf(roots[0]));
  for (const given of roots) {
    // A path to the handler's file itself (Terraform's `source_path = "../src/index.py"`): its folder. A folder
    // spelled in another case than on disk (`CodeUri: ProducerFunction/` for `producerFunction/`) is that folder, as
    // on the case-insensitive disks of macOS and Windows where such templates are written and built.
    const root = known.has(given) ? dirOf(given) : (sameFolderAnyCase(given, known) ?? given);
    for (const ep of unit.entryPoints ?? []) {
      const f = resolveModuleFile(joinPath(root, ep), known);
      if (f) return f;
    }
    // Python handlers name modules with dots (`pkg.mod.handler`).
    const candidates = [split.modulePath, split.modulePath.replace(/\./g, '/')];
    for (const c of candidates) {
      const f = resolveModuleFile(joinPath(root, c), known);
      if (f) return f;
    }
  }
  // Terraform zips and CDK assets point at build output or at paths relative to the app root, not this file, and a
  // template's code path may be a build's output folder that is not committed (`CodeUri: .build/lambdas/`): accept a
  // file with the handler's module path under the project folder when exactly one matches. A module path of several
  // folders (`activity_service.handlers.get`) is also looked for up to two folders higher (a service's root above its
  // `infra/services/x/` configuration); one that names a file alone only in the project folder.
  const iac = unit.source === 'terraform' || unit.source === 'cdk';
  if (iac || !holdsFiles(roots[0], known)) {
    const tail = '/' + (split.modulePath.includes('/') ? split.modulePath : split.modulePath.replace(/\./g, '/')).replace(/^\.\//, '');
    const base = tail.slice(tail.lastIndexOf('/') + 1);
    const levels = tail.split('/').length > 2 ? 3 : 1;
    let project = iac ? dirOf(dirOf(unit.file)) : dirOf(unit.file);
    for (let level = 0; level < levels; level++, project = dirOf(project)) {
      const hits = (byBaseName(known).get(base) ?? []).filter(
        (k) => (project === '' || k.startsWith(project + '/')) && CODE_EXTS.some((ext) => ('/' + k).endsWith(tail + ext)),
      );
      if (hits.length) return hits.length === 1 ? hits[0] : undefined;
      if (project === '') break;
    }
  }
  return undefined;
}

/** Whether any known file is in `dir` or below it. */
function holdsFiles(dir: string, known: ReadonlySet<string>): boolean {
  if (dir === '') return known.size > 0;
  let folders = foldersOfKnown.get(known);
  if (!folders) {
    folders = new Set();
    for (const k of known) for (let d = dirOf(k); d && !folders.has(d); d = dirOf(d)) folders.add(d);
    foldersOfKnown.set(known, folders);
  }
  return folders.has(dir);
}
const foldersOfKnown = new WeakMap<ReadonlySet<string>, Set<string>>();

/** Archive names that say nothing about what is in them. */
const GENERIC_ARCHIVES = new Set([
  'function',
  'lambda',
  'code',
  'app',
  'index',
  'main',
  'bootstrap',
  'package',
  'deployment',
  'build',
  'dist',
  'bundle',
  'handler',
  'source',
  'src',
  'artifact',
  'output',
]);

/**
 * A package built by a script into an archive named after its source (`out/CreateProduct/CreateProduct.zip` from
 * `src/product-api/create-product/main.go`, `out/getOrder/getOrder.zip` from `getOrder.ts`): the one code file, or for
 * a Go or custom runtime the one Go folder, of that name (any case, hyphens and underscores ignored) nearest the
 * declaring file (its folder, then up to three above: a service root above `infra/services/x/`). Several at the nearest
 * level that has any: none is chosen.
 */
function archiveSource(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  if (unit.kind !== 'lambda-function' || !/\.zip$/i.test(unit.codeUri ?? '')) return undefined;
  const file = unit.codeUri!.slice(unit.codeUri!.lastIndexOf('/') + 1);
  const stem = looseName(file.slice(0, -4));
  if (stem.length < 4 || GENERIC_ARCHIVES.has(stem)) return undefined;
  const go = GO_RUNTIME.test(unit.runtime ?? '') || unit.handler === 'bootstrap';
  // A source of the function's language: Python for a Python runtime; for Node.js, not Python and not a JSX component
  // (`AddToCart.tsx` of a web front end beside `addToCart.js`).
  const runtime = unit.runtime ?? '';
  const ofRuntime = (k: string) => (/^python/.test(runtime) ? k.endsWith('.py') : /^nodejs/.test(runtime) ? !/\.(?:py|tsx|jsx)$/.test(k) : true);
  const index = looseNameIndex(known);
  let dir = dirOf(unit.file);
  for (let level = 0; level < 4; level++, dir = dirOf(dir)) {
    const inScope = (k: string) => dir === '' || k.startsWith(`${dir}/`);
    const hits = go
      ? (index.folders.get(stem) ?? []).filter(inScope).flatMap((d) => {
          const goFiles = filesIn(known, d).filter(isGoSource).sort();
          const main = goFiles.find((f) => byFile?.get(f)?.handlerExports.includes('main')) ?? goFiles.find((f) => f.endsWith('/main.go'));
          return main ? [main] : [];
        })
      : (index.files.get(stem) ?? []).filter(
          (k) => inScope(k) && CODE_EXTS.some((ext) => k.endsWith(ext)) && ofRuntime(k) && !/(?:^|[./_-])(?:test|spec)s?\.[^/]+$/i.test(k),
        );
    if (hits.length) return hits.length === 1 ? hits[0] : undefined;
    if (dir === '') break;
  }
  return undefined;
}

/**
 * The source an esbuild script bundles into the folder a function's package is (`CodeUri: out/getOrder/`, or that
 * folder's archive `out/getOrder/getOrder.zip`): the script's one entry point. A script runs from the folder its paths
 * are relative to, taken as the first folder from the script's own upwards where its entry exists. The script that
 * writes the very folder the package names decides; else, when the package is named from elsewhere (Terraform under
 * infra/ resolves `../out/x.zip` from where it runs), the scripts that run from the nearest folder holding the declaring
 * file and write a folder of that name, when they all bundle the same file. A custom runtime's `bootstrap` is no bundle.
 */
function bundleSource(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  if (unit.kind !== 'lambda-function' || !unit.codeUri || !byFile || /^(?:s3|https?):/i.test(unit.codeUri)) return undefined;
  if (unit.handler === 'bootstrap' || GO_RUNTIME.test(unit.runtime ?? '')) return undefined;
  const bundles = jsBundles(byFile, known);
  if (!bundles.length) return undefined;
  const target = joinPath(dirOf(unit.file), /\.zip$/i.test(unit.codeUri) ? dirOf(unit.codeUri) : unit.codeUri).replace(/\/+$/, '');
  const one = (hits: JsBundle[]) => (new Set(hits.map((b) => b.entry)).size === 1 ? hits[0].entry : undefined);
  const exact = bundles.filter((b) => b.out === target);
  if (exact.length) return one(exact);
  const name = looseName(target.slice(target.lastIndexOf('/') + 1));
  if (name.length < 4 || GENERIC_ARCHIVES.has(name)) return undefined;
  const named = bundles.filter((b) => (b.base === '' || unit.file.startsWith(`${b.base}/`)) && looseName(b.out.slice(b.out.lastIndexOf('/') + 1)) === name);
  const nearest = Math.max(-1, ...named.map((b) => b.base.length));
  return nearest < 0 ? undefined : one(named.filter((b) => b.base.length === nearest));
}

interface JsBundle {
  /** The folder the script runs from. */
  base: string;
  /** The bundled source file. */
  entry: string;
  /** The folder the bundle is written to, workspace-relative. */
  out: string;
}

/** Every esbuild script's bundles whose entry is a file of the workspace, paths resolved; built once per scan. */
function jsBundles(byFile: ReadonlyMap<string, FileAnalysis>, known: ReadonlySet<string>): JsBundle[] {
  let list = bundleIndex.get(byFile);
  if (list) return list;
  list = [];
  for (const a of byFile.values()) {
    for (const b of a.facts?.jsBundles ?? []) {
      for (let base = dirOf(a.file); ; base = dirOf(base)) {
        const entry = resolveModuleFile(joinPath(base, b.entry), known);
        if (entry) {
          list.push({ base, entry, out: joinPath(base, b.outDir) });
          break;
        }
        if (base === '') break;
      }
    }
  }
  bundleIndex.set(byFile, list);
  return list;
}
const bundleIndex = new WeakMap<ReadonlyMap<string, FileAnalysis>, JsBundle[]>();

/** Known files by their name without extension, and their folders by folder name, both as looseName spells them. */
function looseNameIndex(known: ReadonlySet<string>): { files: Map<string, string[]>; folders: Map<string, string[]> } {
  let index = looseIndex.get(known);
  if (!index) {
    index = { files: new Map(), folders: new Map() };
    const seen = new Set<string>();
    for (const k of known) {
      const name = k.slice(k.lastIndexOf('/') + 1);
      const dot = name.lastIndexOf('.');
      const key = looseName(dot > 0 ? name.slice(0, dot) : name);
      const files = index.files.get(key);
      if (files) files.push(k);
      else index.files.set(key, [k]);
      const d = dirOf(k);
      if (d && !seen.has(d)) {
        seen.add(d);
        const folder = looseName(d.slice(d.lastIndexOf('/') + 1));
        const dirs = index.folders.get(folder);
        if (dirs) dirs.push(d);
        else index.folders.set(folder, [d]);
      }
    }
    looseIndex.set(known, index);
  }
  return index;
}
const looseIndex = new WeakMap<ReadonlySet<string>, { files: Map<string, string[]>; folders: Map<string, string[]> }>();

const foldersByCase = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** The folder of the workspace whose path is `dir` in another case, when `dir` itself holds no file and one does. */
function sameFolderAnyCase(dir: string, known: ReadonlySet<string>): string | undefined {
  if (!dir || filesIn(known, dir).length) return undefined;
  let index = foldersByCase.get(known);
  if (!index) {
    index = new Map();
    const seen = new Set<string>();
    for (const k of known) {
      for (let d = dirOf(k); d && !seen.has(d); d = dirOf(d)) {
        seen.add(d);
        const key = d.toLowerCase();
        index.set(key, [...(index.get(key) ?? []), d]);
      }
    }
    foldersByCase.set(known, index);
  }
  const hits = index.get(dir.replace(/\/+$/, '').toLowerCase()) ?? [];
  return hits.length === 1 ? hits[0] : undefined;
}

/** The folders holding a cdk.json, by the set of analysed files of a join (cdk.json itself is listed, not analysed). */
const cdkAppFolders = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
/** The .NET project files of a join (listed, not analysed), by the set of its analysed files. */
const dotnetProjects = new WeakMap<ReadonlySet<string>, readonly string[]>();

/** The project files (`Api.csproj`, `Api.fsproj`) that build an assembly of this name. */
function projectFilesNamed(known: ReadonlySet<string>, assembly: string): string[] {
  const names = [`${assembly}.csproj`, `${assembly}.fsproj`, `${assembly}.vbproj`];
  return (dotnetProjects.get(known) ?? [...known]).filter((k) => names.some((n) => k === n || k.endsWith(`/${n}`)));
}

/** The folder a CDK app runs from (join/cdkApp.ts), with the cdk.json files of this join. */
function cdkAppRoot(file: string, known?: ReadonlySet<string>): string {
  return appRoot(file, known ? cdkAppFolders.get(known) : undefined);
}

const GO_RUNTIME = /^(go1\.x|provided)/;
const JAVA_ADAPTER_HANDLERS =
  /^(com\.amazonaws\.serverless\.proxy|org\.springframework\.cloud\.function\.adapter\.aws|io\.quarkus\.amazon\.lambda|io\.micronaut\.function\.aws)\./;
const isGoSource = (f: string) => f.endsWith('.go') && !f.endsWith('_test.go');
const isCsSource = (f: string) => f.endsWith('.cs') && !/Tests?\.cs$/.test(f);

/** Known files directly in `dir`, built once per set of known files. */
function filesIn(known: ReadonlySet<string>, dir: string): string[] {
  let index = dirIndex.get(known);
  if (!index) {
    index = new Map();
    for (const k of known) {
      const d = dirOf(k);
      const list = index.get(d);
      if (list) list.push(k);
      else index.set(d, [k]);
    }
    dirIndex.set(known, index);
  }
  return index.get(dir) ?? [];
}
const dirIndex = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/**
 * Handlers of compiled languages, which name a package, class or assembly rather than a file:
 * - Go (`go1.x`, `provided.al2023`/`provided.al2` with a `bootstrap` binary built from CodeUri): the `.go` file of the
 *   CodeUri folder whose `main()` calls `lambda.Start` (else `main.go`);
 * - Java (`com.example.Foo::handleRequest`, or the class alone): `src/main/java/com/example/Foo.java` under CodeUri; a
 *   library's handler (aws-serverless-java-container, Spring Cloud Function): the application class it starts;
 * - C# (`Assembly::Namespace.Class::Method`): the `Class.cs` file under CodeUri that declares a handler of that class;
 *   an executable assembly (the assembly name alone): the project's program (csProgram).
 */
function resolveCompiledHandlerFile(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  const handler = unit.handler ?? '';
  const runtime = unit.runtime ?? '';
  const declared = joinPath(dirOf(unit.file), unit.codeUri ?? '');
  const given = dotnetProjectOf(declared) ?? declared;
  const root = sameFolderAnyCase(given, known) ?? given;
  const under = (f: string) => root === '' || f.startsWith(`${root}/`);
  if (GO_RUNTIME.test(runtime) || (!runtime && handler === 'bootstrap')) {
    // CDK and Terraform paths are relative to the app root (where `cdk synth` / `terraform apply` runs), often the
    // stack folder's parent.
    const roots =
      unit.source === 'cdk' || unit.source === 'terraform'
        ? [root, joinPath(unit.source === 'cdk' ? cdkAppRoot(unit.file, known) : dirOf(dirOf(unit.file)), unit.codeUri ?? '')]
        : [root];
    // A built archive (`CodeUri: main.zip`, `go build` then zip): the Go code of the folder it is written to.
    if (/\.zip$/i.test(root)) roots.push(dirOf(root));
    const built = goBuildSource(unit, root, known, byFile);
    if (built) return built;
    const goFiles = (roots.map((r) => filesIn(known, r).filter(isGoSource)).find((l) => l.length) ?? []).sort();
    if (goFiles.length)
      return (
        goFiles.find((f) => byFile?.get(f)?.handlerExports.includes('main')) ??
        goFiles.find((f) => f.endsWith('/main.go') || f === 'main.go') ??
        (goFiles.length === 1 ? goFiles[0] : undefined)
      );
    // A .NET custom runtime (provided.al2023) builds an executable: its program (Program.cs, else the file whose static
    // Main or top-level statements run the bootstrap) is the code.
    const program = csProgram(root, known, byFile, handler);
    if (program) return program;
    // A GraalVM native image (CodeUri: target/…-native.zip) runs the Java application's main class.
    const project = dirOf(unit.file);
    const apps = javaSourcesUnder(known, project).filter((k) => byFile?.get(k)?.handlerExports.includes('main'));
    if (apps.length === 1) return apps[0];
  }
  const quarkus = quarkusHandlerFile(unit, known, byFile);
  if (quarkus) return quarkus;
  const parts = handler.split('::');
  // A GraalVM native image on a custom runtime may still name its handler class (`com.example.GetHandler`).
  const javaClass = /^provided/.test(runtime) && /^[a-z_]\w*(?:\.[a-z_]\w*)+\.[A-Z][\w$]*$/.test(handler);
  if (runtime.startsWith('java') || javaClass || (parts.length === 2 && /^[\w$.]+$/.test(parts[0]) && !runtime.startsWith('dotnet'))) {
    const cls = parts[0].replace(/\$.*$/, '');
    if (!/^[\w.]+$/.test(cls)) return undefined;
    // A library's handler (aws-serverless-java-container, Spring Cloud Function, Quarkus, Micronaut) starts the
    // application class of the code under CodeUri.
    if (JAVA_ADAPTER_HANDLERS.test(cls)) {
      const apps = [...known].filter((k) => k.endsWith('.java') && byFile?.get(k)?.handlerExports.includes('main'));
      // A jar built into a module's target/ (relative to the CDK app's root for CDK): that module's application.
      const jar = joinPath(unit.source === 'cdk' ? cdkAppRoot(unit.file, known) : dirOf(unit.file), unit.codeUri ?? '');
      const module = /\.jar$/i.test(jar) ? /^(.*?)\/?(?:target|build)(?:\/|$)/.exec(jar)?.[1] : undefined;
      const inModule = module !== undefined ? apps.filter((k) => module === '' || k.startsWith(`${module}/`)) : [];
      const near = inModule.length ? inModule : apps.filter(under);
      const folder = dirOf(unit.file);
      return (near.length ? near : apps.filter((k) => folder === '' || k.startsWith(`${folder}/`))).sort((a, b) => a.length - b.length)[0];
    }
    const path = `${cls.replace(/\./g, '/')}.java`;
    // A CDK asset path is relative to the app's root (where `cdk synth` runs), as `Code.fromAsset("../lambda/")`.
    const appRoot = unit.source === 'cdk' ? cdkAppRoot(unit.file, known) : dirOf(unit.file);
    for (const folder of unit.source === 'cdk' ? [root, joinPath(appRoot, unit.codeUri ?? '')] : [root])
      for (const base of ['src/main/java', '', 'src']) {
        const f = joinPath(folder, base, path);
        if (known.has(f)) return f;
      }
    // A built jar (`target/app.jar`, `build/libs/app.jar`, relative to the CDK app's root): the Maven/Gradle module
    // that builds it holds the class under src/main/java.
    const jar = joinPath(appRoot, unit.codeUri ?? '');
    const module = /^(.*?)\/?(?:target|build)(?:\/|$)/.exec(jar)?.[1];
    if (module !== undefined) {
      const f = joinPath(module, 'src/main/java', path);
      if (known.has(f)) return f;
    }
    // A built artifact (`CodeUri: target/app.zip`, Terraform's jar, a CDK asset): look for the class's source under the
    // project, by its package path, else by its package's last folder, else the only file of that class name.
    const project = unit.source === 'terraform' || unit.source === 'cdk' ? dirOf(dirOf(unit.file)) : dirOf(unit.file);
    const sources = (byBaseName(known).get(path.slice(path.lastIndexOf('/') + 1, -5)) ?? []).filter(
      (k) => k.endsWith('.java') && (project === '' || k.startsWith(`${project}/`)),
    );
    const segments = path.split('/');
    for (const tail of [`/${path}`, `/${segments.slice(-2).join('/')}`]) {
      const hits = sources.filter((k) => `/${k}`.endsWith(tail));
      if (hits.length) return hits.sort((a, b) => a.length - b.length)[0];
    }
    // The only source file of that class name in the project (its folders need not mirror the package).
    if (sources.length === 1) return sources[0];
    // A jar built by a sibling Maven/Gradle module of the CDK app (`Code.fromAsset("./asset/lambda-1.0.0.jar")` copied
    // from ../lambda/target): the class at its full package path in the folder that holds the app.
    if (unit.source === 'cdk' && /\.jar$/i.test(unit.codeUri ?? '')) {
      const beside = dirOf(appRoot);
      const hits = (byBaseName(known).get(path.slice(path.lastIndexOf('/') + 1, -5)) ?? []).filter(
        (k) => (beside === '' || k.startsWith(`${beside}/`)) && `/${k}`.endsWith(`/src/main/java/${path}`),
      );
      if (hits.length === 1) return hits[0];
    }
    return undefined;
  }
  // A managed .NET runtime given the assembly name alone runs it as an executable (top-level statements calling
  // LambdaBootstrapBuilder): its program is the code.
  if (runtime.startsWith('dotnet') && parts.length === 1) return csProgram(root, known, byFile, handler);
  if (runtime.startsWith('dotnet') || parts.length === 3) {
    const type = parts[1] ?? '';
    // Amazon.Lambda.Annotations generates `<Class>_<Method>_Generated` wrappers: the code is the class the attribute is on.
    const method = parts[2] ?? '';
    const typeName = type.slice(type.lastIndexOf('.') + 1);
    const generated = `_${method}_Generated`;
    const cls = method && typeName.endsWith(generated) ? typeName.slice(0, -generated.length) : typeName;
    if (!cls) return undefined;
    const classFile = (inside: (k: string) => boolean) => {
      const candidates = (byBaseName(known).get(cls) ?? []).filter((k) => isCsSource(k) && inside(k));
      const declared = [...known].filter((k) => isCsSource(k) && inside(k) && byFile?.get(k)?.handlerExports.includes(cls));
      return [...candidates.filter((c) => declared.includes(c)), ...candidates, ...declared].sort((a, b) => a.length - b.length)[0];
    };
    const found = classFile(under);
    if (found) return found;
    // A code path that is build output (`dotnet publish … -o ./dist/AuthFunction`, a CDK asset): the project the handler
    // names by its assembly, when the workspace has one project file of that name.
    const assembly = parts.length === 3 ? parts[0] : '';
    const projects = /^[\w.-]+$/.test(assembly) ? projectFilesNamed(known, assembly) : [];
    const project = projects.length === 1 ? dirOf(projects[0]) : undefined;
    return project !== undefined ? classFile((k) => project === '' || k.startsWith(`${project}/`)) : undefined;
  }
  return undefined;
}

/** The Java sources of a project folder, tests left out. */
function javaSourcesUnder(known: ReadonlySet<string>, project: string): string[] {
  return [...known].filter((k) => k.endsWith('.java') && (project === '' || k.startsWith(`${project}/`)) && !/\/src\/test\//.test(k));
}

/**
 * A Quarkus function (its handler `io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler`, or a native image with
 * QUARKUS_LAMBDA_HANDLER set): Quarkus runs the handler class whose `@Named` value that variable gives, else the
 * project's only handler class.
 */
function quarkusHandlerFile(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  const env = unit.environment ?? {};
  const key = Object.keys(env).find((k) => k.toUpperCase().replace(/\./g, '_') === 'QUARKUS_LAMBDA_HANDLER');
  if (!byFile || (!key && !/^io\.quarkus\.amazon\.lambda\./.test(unit.handler ?? ''))) return undefined;
  const project = dirOf(unit.file);
  const sources = javaSourcesUnder(known, project);
  const exportsOf = (k: string) => byFile.get(k)?.handlerExports ?? [];
  const hits = key
    ? sources.filter((k) => exportsOf(k).includes(`named:${env[key]}`))
    : sources.filter((k) => exportsOf(k).some((e) => e !== 'main' && !e.startsWith('named:')));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * A SAM function built by a Makefile (`Metadata.BuildMethod: makefile`): the code folders its `build-<LogicalId>`
 * target builds or copies from (the Makefile in CodeUri), each as a CodeUri relative to the template's folder.
 */
function makeBuildRoots(unit: Unit, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string[] {
  if (unit.buildMethod !== 'makefile' || !byFile) return [];
  const here = dirOf(unit.file);
  const pkg = joinPath(here, unit.codeUri ?? '');
  const makefile = ['Makefile', 'makefile', 'GNUmakefile'].map((n) => byFile.get(joinPath(pkg, n))).find(Boolean);
  const paths = makefile?.facts?.makeTargets?.[`build-${unit.name}`] ?? [];
  const out: string[] = [];
  for (const p of paths) {
    const full = joinPath(pkg, p);
    const folder = known.has(full) ? dirOf(full) : full;
    if (!filesIn(known, folder).length) continue;
    const rel = here === '' ? folder : folder === here ? '.' : folder.startsWith(`${here}/`) ? folder.slice(here.length + 1) : undefined;
    if (rel !== undefined && !out.includes(rel)) out.push(rel);
  }
  return out;
}

const buildScripts = new WeakMap<ReadonlyMap<string, FileAnalysis>, FileAnalysis[]>();

/** A Go binary's make variable (`$$fn`, `$(FN)`, `${fn}`, `$fn`) and what it stands for in a path. */
const MAKE_VAR = /\$\$?(?:\{(\w+)\}|\((\w+)\)|(\w+))/g;

/**
 * The Go source a function's handler binary is built from (`handler: bin/create`, built by a Makefile's
 * `go build -o bin/create todos/create.go`, or a loop's `-o bin/$$fn functions/$$fn/main.go`): build scripts in the
 * unit's folder or above it, their output matched against the handler's path.
 */
function goBuildSource(unit: Unit, root: string, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>): string | undefined {
  const handler = unit.handler ?? '';
  if (!byFile || !handler || handler === 'bootstrap' || /\s/.test(handler)) return undefined;
  let scripts = buildScripts.get(byFile);
  if (!scripts) buildScripts.set(byFile, (scripts = [...byFile.values()].filter((a) => a.kind === 'build-script' && a.facts?.goBuilds)));
  const target = joinPath(root, handler);
  const folder = dirOf(unit.file);
  for (const a of scripts) {
    const dir = dirOf(a.file);
    if (dir !== '' && folder !== dir && !folder.startsWith(`${dir}/`)) continue;
    for (const g of a.facts!.goBuilds!) {
      const base = joinPath(dir, g.dir ?? '');
      const names: string[] = [];
      const pattern = joinPath(base, g.output)
        .split(MAKE_VAR)
        .reduce<string>((acc, part, i) => {
          // split() with three groups yields the text, then the three captures of each variable.
          const k = i % 4;
          if (k === 0) return acc + part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          if (part !== undefined) {
            names.push(part);
            return `${acc}([^/]+)`;
          }
          return acc;
        }, '');
      const m = new RegExp(`^${pattern}$`).exec(target);
      if (!m) continue;
      const value = (name: string) => m[names.indexOf(name) + 1];
      for (const pkg of g.pkgs) {
        const path = joinPath(
          base,
          pkg.replace(MAKE_VAR, (_, a?: string, b?: string, c?: string) => value((a ?? b ?? c)!) ?? ''),
        );
        if (path.endsWith('.go')) {
          if (known.has(path)) return path;
          continue;
        }
        const files = filesIn(known, path).filter(isGoSource).sort();
        const main = files.find((f) => byFile.get(f)?.handlerExports.includes('main')) ?? files.find((f) => f.endsWith('/main.go') || f === 'main.go');
        if (main) return main;
      }
    }
  }
  return undefined;
}

/**
 * The program of a .NET project folder: its Program.cs, else the only source file there with a static `Main` or
 * top-level statements (C# analysis lists those as `main`).
 */
function csProgram(root: string, known: ReadonlySet<string>, byFile?: ReadonlyMap<string, FileAnalysis>, assembly?: string): string | undefined {
  // A package folder of several projects (`CodeUri: ./` over `Api/Api.csproj`): the project the handler names by its
  // assembly, the folder of that name (as `dotnet new` makes it), else the one folder whose project file has the name.
  if (assembly && /^[\w.-]+$/.test(assembly) && !filesIn(known, root).some(isCsSource)) {
    const folder = joinPath(root, assembly);
    if (filesIn(known, folder).some(isCsSource)) return csProgram(folder, known, byFile);
    const projects = projectFilesNamed(known, assembly).filter((k) => root === '' || k.startsWith(`${root}/`));
    return projects.length === 1 ? csProgram(dirOf(projects[0]), known, byFile) : undefined;
  }
  const sources = filesIn(known, root).filter(isCsSource);
  const program = sources.find((f) => f.endsWith('/Program.cs') || f === 'Program.cs');
  if (program) return program;
  const entries = sources.filter((f) => byFile?.get(f)?.handlerExports.includes('main'));
  return entries.length === 1 ? entries[0] : undefined;
}

/**
 * The other files of a compiled unit's package: a Go package is every `.go` file of its folder; a C# project keeps
 * the handler's classes beside it. (Java files list the classes they use as imports.)
 */
function samePackage(file: string, known: ReadonlySet<string>): string[] {
  if (isGoSource(file)) return filesIn(known, dirOf(file)).filter(isGoSource);
  if (isCsSource(file)) return filesIn(known, dirOf(file)).filter(isCsSource);
  return [];
}
const baseNameIndex = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** Code files by base name without extension, built once per set of known files (large workspaces have many units). */
function byBaseName(known: ReadonlySet<string>): Map<string, string[]> {
  let index = baseNameIndex.get(known);
  if (!index) {
    index = new Map();
    for (const k of known) {
      const name = k.slice(k.lastIndexOf('/') + 1);
      const dot = name.lastIndexOf('.');
      const stem = dot > 0 ? name.slice(0, dot) : name;
      const list = index.get(stem);
      if (list) list.push(k);
      else index.set(stem, [k]);
    }
    baseNameIndex.set(known, index);
  }
  return index;
}

const goModuleIndex = new WeakMap<ReadonlyMap<string, FileAnalysis>, { prefix: string; dir: string }[]>();

/** The Go modules of the workspace (each go.mod's `module` path and folder), longest path first. */
function goModules(byFile: ReadonlyMap<string, FileAnalysis>): { prefix: string; dir: string }[] {
  let list = goModuleIndex.get(byFile);
  if (!list) {
    list = [];
    for (const a of byFile.values()) if (a.kind === 'go-mod' && a.facts?.goModule) list.push({ prefix: a.facts.goModule, dir: dirOf(a.file) });
    list.sort((x, y) => y.prefix.length - x.prefix.length);
    goModuleIndex.set(byFile, list);
  }
  return list;
}

/** The source files of the package an import path names, when a go.mod of the workspace declares its module. */
function goPackageFiles(spec: string, byFile: ReadonlyMap<string, FileAnalysis>, known: ReadonlySet<string>): string[] {
  for (const m of goModules(byFile)) {
    if (spec !== m.prefix && !spec.startsWith(`${m.prefix}/`)) continue;
    return filesIn(known, joinPath(m.dir, spec.slice(m.prefix.length + 1))).filter(isGoSource);
  }
  return [];
}

/**
 * The files of an imported Go package that `importer` runs: those that declare a name it uses from the package
 * (`handlers.NewDynamoDBEventHandler`), those that run on import (`func init()`, a package-level variable set by a
 * call), and the files that declare what those use in turn. A shared `handlers` package with one file per event source
 * gives a stream function its stream handler, not the API Gateway one beside it. Undefined (every file of the package)
 * when the importer uses no name of it (a blank or dot import) or a file's names are not known.
 */
function goFilesUsed(importer: FileAnalysis, spec: string, pkg: readonly string[], byFile: ReadonlyMap<string, FileAnalysis>): string[] | undefined {
  const wanted = importer.facts?.goSymbols?.qualified[spec];
  if (!wanted?.length || !pkg.length) return undefined;
  const symbols = pkg.map((f) => byFile.get(f)?.facts?.goSymbols);
  if (symbols.some((x) => x === undefined)) return undefined;
  const need = new Set(wanted);
  const taken = new Set<number>();
  const take = (i: number) => {
    taken.add(i);
    for (const u of symbols[i]!.uses) need.add(u);
  };
  symbols.forEach((x, i) => x!.runsOnImport && take(i));
  for (let grew = true; grew;) {
    grew = false;
    symbols.forEach((x, i) => {
      if (!taken.has(i) && x!.declares.some((d) => need.has(d))) {
        take(i);
        grew = true;
      }
    });
  }
  return pkg.filter((_, i) => taken.has(i));
}

const csNamespaceIndex = new WeakMap<ReadonlyMap<string, FileAnalysis>, Map<string, string[]>>();

/**
 * The C# files of the workspace that declare a namespace `importer` names in a `using` directive, outside its own
 * folder (the projects it references: `using Shared.DataAccess;` → Shared/DataAccess/*.cs). Where several copies
 * declare it (one Shared project per sample), the copies nearest the importer: the longest folder path they share.
 */
function csUsedFiles(importer: string, a: FileAnalysis, byFile: ReadonlyMap<string, FileAnalysis>): string[] {
  const uses = a.facts?.csNamespaces?.uses;
  if (!uses?.length) return [];
  let index = csNamespaceIndex.get(byFile);
  if (!index) {
    index = new Map();
    for (const [f, fa] of byFile) {
      if (!isCsSource(f)) continue;
      for (const ns of fa.facts?.csNamespaces?.declares ?? []) {
        const list = index.get(ns);
        if (list) list.push(f);
        else index.set(ns, [f]);
      }
    }
    csNamespaceIndex.set(byFile, index);
  }
  // How many folders a candidate shares with the importer.
  const mine = importer.split('/');
  const shared = (f: string) => {
    const y = f.split('/');
    let n = 0;
    while (n < mine.length - 1 && n < y.length - 1 && mine[n] === y[n]) n++;
    return n;
  };
  const out: string[] = [];
  for (const ns of uses) {
    const candidates = (index.get(ns) ?? []).filter((f) => f !== importer).map((f) => ({ f, depth: shared(f) }));
    const nearest = Math.max(...candidates.map((c) => c.depth));
    for (const c of candidates) if (c.depth === nearest) out.push(c.f);
  }
  return out;
}

/** Files reachable from `entry` through relative imports (and Go imports of the repository's own module). */
function reachable(entry: string, byFile: Map<string, FileAnalysis>, known: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  const hasMain = (f: string) => isGoSource(f) && byFile.get(f)?.handlerExports.includes('main') === true;
  // Go files taken from an imported package for the names an importer uses: their package-mates come from that
  // choice (goFilesUsed), not all at once.
  const bySymbol = new Set<string>();
  while (queue.length) {
    const f = queue.shift()!;
    // Two files of one folder that both declare `func main()` cannot be one package: each is a program built alone
    // (`go build todos/create.go`), which compiles that file and nothing else of its folder.
    const mates = bySymbol.has(f) ? [] : samePackage(f, known);
    const alone = hasMain(f) && mates.some((m) => m !== f && hasMain(m));
    for (const mate of alone ? [] : mates) {
      if (!seen.has(mate)) {
        seen.add(mate);
        queue.push(mate);
      }
    }
    const a = byFile.get(f);
    if (!a) continue;
    // A Go import inside the repository's own module (go.mod): the files of that package's folder the importer uses.
    if (isGoSource(f)) {
      for (const spec of a.imports) {
        const pkg = goPackageFiles(spec, byFile, known);
        const used = goFilesUsed(a, spec, pkg, byFile);
        for (const mate of used ?? pkg) {
          if (used) bySymbol.add(mate);
          if (!seen.has(mate)) {
            seen.add(mate);
            queue.push(mate);
          }
        }
      }
      continue;
    }
    // C#: the files of the namespaces its `using` directives name, in the projects it references.
    if (isCsSource(f)) {
      for (const mate of csUsedFiles(f, a, byFile)) {
        if (!seen.has(mate)) {
          seen.add(mate);
          queue.push(mate);
        }
      }
      continue;
    }
    for (const spec of a.imports) {
      const target = resolveImport(f, spec, known, byFile);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Fields that exist for positions and the join only; never printed. */
export function publicUnit(u: Unit): Unit {
  const {
    range: _r,
    fieldRanges: _f,
    codeUri: _c,
    prebuiltPackage: _pp,
    entryPoints: _e,
    buildMethod: _bm,
    templated: _t,
    constructTemplate: _ct,
    inlineSource: _is,
    inlineAnalysed: _ia,
    buildContext: _b,
    tfVariables: _v,
    tfRuntimeVariable: _tv,
    cdkNodejsDefaultRuntime: _cd,
    dockerfile: _d,
    podLabels: _l,
    httpProbePorts: _hp,
    podLabelIncludes: _i,
    envFromConfigMaps: _m,
    ...rest
  } = u;
  return rest as Unit;
}

export interface JoinInput {
  analyses: FileAnalysis[];
  /** Files seen but not analysed (unknown kinds, ignored), for stats. */
  skipped?: number;
  errors?: AnalysisError[];
  startedAt?: number;
  extraUnits?: Unit[];
  now?: () => number;
  /**
   * Every file of the workspace (relative paths), analysed or not: the join records the sources a workload runs even
   * when they are not analysed (Kotlin, Rust). Without it only analysed files are known.
   */
  files?: string[];
  /** Which moves are assessed (src/core/direction.ts); default `both`: every finding, every unit. */
  direction?: DirectionSetting;
  /**
   * Rule settings and date for the model rules run at the join (functions a Terraform module call or a CDK construct
   * class's instance deploys), and the reader of construct instances (without it they are not read: api.ts's
   * joinAnalyses passes the analyser's own).
   */
  options?: JoinOptions;
}

function addOwner(map: Map<string, Unit[]>, file: string, u: Unit): void {
  const list = map.get(file);
  if (!list) map.set(file, [u]);
  else if (!list.includes(u)) list.push(u);
}

/**
 * Joins per-file analyses into one assessment. Workloads described several times (manifests, Helm, Kustomize) become
 * one unit each (src/core/join); Lambda functions get their handler file and workloads the files their image runs;
 * code findings get the unit(s) whose code reaches them and the unit's configured timeout; duration-bound findings
 * are kept only when they exceed it; verdicts and their reasons are computed per unit, by identity, not by name.
 */
export function joinAnalyses(input: JoinInput): AssessResult {
  // The CDK apps of the workspace (their cdk.json files are listed, not analysed): found once, for every step below.
  const cdkApps = cdkAppsIn(input.files ?? []);
  // A template `cdk synth` wrote beside the app that writes it describes that app a second time (join/cdkOutput.ts).
  const analyses = withoutCdkOutput(input.analyses, cdkApps);
  const direction = input.direction ?? 'both';
  const byFile = new Map(analyses.map((a) => [a.file, a]));
  const known = new Set(byFile.keys());
  /** Every file of the workspace, read or not (the analyses when the caller lists none). */
  const listed: ReadonlySet<string> = input.files ? new Set(input.files) : known;
  cdkAppFolders.set(known, cdkApps);
  dotnetProjects.set(
    known,
    [...listed].filter((f) => /\.(?:cs|fs|vb)proj$/.test(f)),
  );
  applyTerraformVariables(analyses);
  // File analyses come masked from analyzeFile; units from elsewhere (AWS inventory) are masked on the way in.
  const fleet = prepareFleet(analyses, byFile, input.files, (input.extraUnits ?? []).map(redactUnit), input.options, cdkApps);
  const units = fleet.units;
  const unitsByFile = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.kind === 'lambda-function' && u.inlineAnalysed) {
      // Code written in the template, analysed there (analyze.ts): its findings are declared for the function already.
      u.codeFile = u.file;
      u.codeFiles = [u.file];
      u.joinedBy = 'code written inline in the template';
      continue;
    }
    if (u.kind === 'lambda-function') {
      // An image's handler is its Dockerfile's CMD, relative to the build context.
      const viaImage = !u.handler && u.imageBuild?.handler ? { ...u, file: u.imageBuild.dockerfile, codeUri: '', handler: u.imageBuild.handler } : u;
      const found = u.codeFile ? { file: u.codeFile, how: 'handler' as const } : handlerFileAndHow(viaImage, known, byFile);
      const codeFile = found?.file;
      const started = codeFile ? undefined : fleet.code.get(u);
      if (started && (started.entries.length || started.other.length)) {
        // An image that starts a program of its own (join/index.ts): the files its command starts, as a workload's.
        const files = joinedFiles(started, byFile, known);
        for (const f of files) addOwner(unitsByFile, f, u);
        u.codeFile = started.entries[0] ?? files[0];
        u.codeFiles = files;
        if (started.joinedBy) u.joinedBy = started.joinedBy;
        continue;
      }
      if (!codeFile) continue;
      u.codeFile = codeFile;
      const files = [...reachable(codeFile, byFile, known)];
      for (const f of files) addOwner(unitsByFile, f, u);
      u.codeFiles = files;
      u.joinedBy = found!.how;
      continue;
    }
    const join = fleet.code.get(u);
    if (!join) continue;
    const files = joinedFiles(join, byFile, known);
    for (const f of files) addOwner(unitsByFile, f, u);
    if (files.length) u.codeFiles = files;
    if (join.joinedBy) u.joinedBy = join.joinedBy;
    if (join.context !== undefined) u.buildContext = join.context;
  }
  // Workloads that reach other Services of the cluster by name, in their configuration or their code.
  fleet.findings.push(...clusterServiceFindings(units, analyses, byFile, input.options?.rules));
  /** Each finding with every unit it counts for (a shared module counts for every service that imports it). */
  const owned: OwnedFinding<Unit>[] = [];
  const behindAdapter = webAdapterFolders(units);
  const dockerAdapted = behindAdapterImage(analyses);
  const serverLeftOut = excludedServerOf(analyses);
  // The folders of templates that build Lambda MicroVM images from their folder (the CodeArtifact zip of its sources).
  const microvmFolders = analyses.filter((a) => a.facts?.microvmImages?.length).map((a) => dirOf(a.file));
  const fileJoins: Record<string, FileJoinRecord> = {};
  const joinFindingsOf = new Map<string, OwnedFinding<Unit>[]>();
  for (const x of fleet.findings) {
    const a = byFile.get(x.file);
    if (!a || generatedOnly([x.unit]) || !keepsFinding(direction, x.raw.direction, [x.unit.kind])) continue;
    const o = { finding: toContractFinding(x.raw, x.file, a.lineStarts, x.unit.name), owners: [x.unit], iac: true };
    const list = joinFindingsOf.get(x.file);
    if (list) list.push(o);
    else joinFindingsOf.set(x.file, [o]);
  }
  for (const a of analyses) {
    const join: FileJoin<Unit> = {
      owners: unitsByFile.get(a.file) ?? [],
      isEntry: (u) => fleet.code.get(u)?.entries.includes(a.file) === true,
      handlerAt: (u) => (u.kind === 'lambda-function' && u.codeFile === a.file ? u.handlerExport : undefined),
      adapted: (behindAdapter.length > 0 && inFolders(a.file, behindAdapter)) || (isCodeKind(a.kind) && dockerAdapted(a.file)),
      microvm: microvmFolders.length > 0 && isCodeKind(a.kind) && inFolders(a.file, microvmFolders),
      adaptedImages: new Set(a.units.filter((u) => (fleet.canonical.get(u) ?? u).imageBuild?.webAdapter).map((u) => u.name)),
      ...(a.kind === 'java' && serverLeftOut(a.file) ? { excludedServer: serverLeftOut(a.file) } : {}),
      frameworkApps: new Map(
        a.units.flatMap((u) => {
          const app = frameworkAppOf(fleet.canonical.get(u) ?? u, byFile, known, serverLeftOut);
          return app ? [[u.name, app] as const] : [];
        }),
      ),
      canonical: fleet.canonical,
      oldNames: fleet.oldNames,
      rejudged: fleet.rejudged,
    };
    owned.push(...finaliseFindings(a, join, direction));
    const extra = joinFindingsOf.get(a.file) ?? [];
    owned.push(...extra);
    const rejudged = a.units.filter((u) => fleet.rejudged.has(u)).map((u) => u.name);
    const replaced = a.units.filter((u) => u.constructTemplate && fleet.canonical.has(u) && fleet.canonical.get(u) === undefined).map((u) => u.name);
    if (
      join.owners.length ||
      join.adapted ||
      join.microvm ||
      join.adaptedImages?.size ||
      join.frameworkApps?.size ||
      rejudged.length ||
      replaced.length ||
      extra.length
    )
      fileJoins[a.file] = fileJoinRecord(join, rejudged, extra, replaced);
  }
  // A service described three times says the same thing three times: keep one finding, preferring the unit's own file.
  const kept = new Map<string, (typeof owned)[number]>();
  const unique: (typeof owned)[number][] = [];
  for (const o of owned) {
    const u = o.owners[0];
    if (!o.iac || !u?.describedIn) {
      unique.push(o);
      continue;
    }
    // One image named with and without its tag (`mongo`, `mongo:4.4.0` from the chart's values) is one image.
    const key = `${units.indexOf(u)}\u0000${o.finding.ruleId}\u0000${o.finding.message.replace(IMAGE_TAG_IN_MESSAGE, '(image $1)')}`;
    const prev = kept.get(key);
    if (!prev) {
      kept.set(key, o);
      unique.push(o);
    } else if (prev.finding.file !== u.file && o.finding.file === u.file) {
      unique[unique.indexOf(prev)] = o;
      kept.set(key, o);
    }
  }
  // A Helm template's finding with an unrendered value (`Service {{…}}`) repeats one the other descriptions state plainly.
  const templatedDuplicate = (o: (typeof owned)[number]) => {
    if (!o.iac || !o.owners[0]?.describedIn || !o.finding.message.includes('{{…}}')) return false;
    const pattern = new RegExp(
      `^${o.finding.message
        .split('{{…}}')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\S+')}$`,
    );
    return unique.some(
      (x) =>
        x !== o &&
        x.owners[0] === o.owners[0] &&
        x.finding.ruleId === o.finding.ruleId &&
        !x.finding.message.includes('{{…}}') &&
        pattern.test(x.finding.message),
    );
  };
  for (let i = unique.length - 1; i >= 0; i--) if (templatedDuplicate(unique[i])) unique.splice(i, 1);
  unique.sort((x, y) => compareFindings(x.finding, y.finding));
  // Every finding says which units it counts for, by identity (names repeat across folders): src/core/identity.ts.
  for (const o of unique) if (o.owners.length) o.finding.unitIds = o.owners.map(unitKey);
  const findings = unique.map((o) => o.finding);
  // Group once, by identity: computeReadiness only looks at a unit's own findings.
  const byUnit = new Map<Unit, Finding[]>();
  for (const o of unique) {
    for (const u of o.owners) {
      const list = byUnit.get(u);
      if (list) list.push(o.finding);
      else byUnit.set(u, [o.finding]);
    }
  }
  for (const u of units) {
    const own = byUnit.get(u) ?? [];
    u.readiness = readinessOf(u, own);
    const reasons = decidingReasons(u, own, fleet.code.get(u)?.note ?? unreadCodeNote(u, known, byFile, listed));
    if (reasons.length) u.decidedBy = reasons;
  }
  const errors = [...(input.errors ?? []), ...input.analyses.flatMap((a) => a.errors)];
  const now = input.now ?? Date.now;
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: VERSION },
    findings,
    units: units
      .filter((u) => assessesKind(direction, u.kind))
      .map(publicUnit)
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    errors,
    stats: {
      files: input.analyses.length + (input.skipped ?? 0),
      analyzed: input.analyses.filter((a) => a.kind !== 'unknown' && !a.skipped).length,
      skipped: (input.skipped ?? 0) + input.analyses.filter((a) => a.kind === 'unknown' || a.skipped).length,
      ms: input.startedAt !== undefined ? Math.round(now() - input.startedAt) : 0,
    },
    fileJoins,
  };
}

/** The function mounts a file system at `path` or at a folder above it. */
function mountedAt(u: Pick<Unit, 'fileSystems'>, path: string): boolean {
  return (u.fileSystems ?? []).some((m) => {
    const at = m.mountPath.replace(/\/+$/, '');
    return at.startsWith('/mnt/') && (path === at || path.startsWith(`${at}/`));
  });
}

function compareFindings(x: Finding, y: Finding): number {
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId);
}

/** What finalising one file's findings needs from the join; `U` is how the caller holds units (the join's own, or records). */
interface FileJoin<U extends OwnerUnit> {
  /** The units whose code reaches the file. */
  owners: readonly U[];
  /** Whether the unit's program starts at this file: only there does a main block run. */
  isEntry(u: U | Unit): boolean;
  /** The export a function's handler names, when this file is its handler file. */
  handlerAt(u: U | Unit): string | undefined;
  /** Served behind Lambda Web Adapter: listening on a port is how the function gets its requests. */
  adapted: boolean;
  /** The code of a Lambda MicroVM image, which runs it as a long-lived server on Lambda: not judged for the move there. */
  microvm?: boolean;
  /** Image functions the file declares that run behind Lambda Web Adapter, by name (their Dockerfiles say so). */
  adaptedImages?: ReadonlySet<string>;
  /** Functions the file declares whose code is a web app behind an in-code adapter, by name: the app, as worded. */
  frameworkApps?: ReadonlyMap<string, string>;
  /** A Java file whose project builds Spring Boot without its embedded server (excludedServerOf), as worded. */
  excludedServer?: string;
  /** The join's merge of units described several times (undefined: a patch's own document, about no service). */
  canonical?: ReadonlyMap<Unit, Unit | undefined>;
  /** Names a unit had before Helm values filled it in. */
  oldNames?: ReadonlyMap<Unit, readonly string[]>;
  /** Workloads the join judged again: Helm ones as rendered, and those a Service in another file serves (join/index.ts REJUDGED_RULES). */
  rejudged?: ReadonlySet<Unit>;
  /** The same by name, for a document analysed again since the assessment (the editor). */
  rejudgedNames?: ReadonlySet<string>;
  /** Units of this file, by name, that stand for no deployment (FileJoinRecord.replaced): their findings are dropped. */
  replacedNames?: ReadonlySet<string>;
}

interface OwnedFinding<U> {
  finding: Finding;
  /** Every unit the finding counts for. */
  owners: (U | Unit)[];
  /** About a declaration (IaC), not code. */
  iac: boolean;
}

function fileJoinRecord(join: FileJoin<Unit>, rejudged: string[], extra: readonly OwnedFinding<Unit>[], replaced: string[] = []): FileJoinRecord {
  const owners = join.owners.map((u) => {
    const { kind, name, file, timeoutSeconds, memoryMB, generatedFrom, workloadKind, namespace, fileSystems } = u;
    const record: FileJoinRecord['owners'][number] = { kind, name, file, timeoutSeconds, memoryMB, generatedFrom, workloadKind, namespace, fileSystems };
    if (join.isEntry(u)) record.entry = true;
    const handler = join.handlerAt(u);
    if (handler !== undefined) record.handlerExport = handler;
    for (const k of Object.keys(record) as (keyof typeof record)[]) if (record[k] === undefined) delete record[k];
    return record;
  });
  return {
    owners,
    ...(join.adapted ? { adapted: true as const } : {}),
    ...(join.microvm ? { microvm: true as const } : {}),
    ...(join.adaptedImages?.size ? { adaptedImages: [...join.adaptedImages] } : {}),
    ...(join.frameworkApps?.size ? { frameworkApps: Object.fromEntries(join.frameworkApps) } : {}),
    ...(join.excludedServer ? { excludedServer: join.excludedServer } : {}),
    ...(rejudged.length ? { rejudged } : {}),
    ...(replaced.length ? { replaced } : {}),
    ...(extra.length ? { joinFindings: extra.map((o) => o.finding) } : {}),
  };
}

/** The files an image's code join reaches: its entries and what they import, and the Go, Java and C# it builds. */
function joinedFiles(join: CodeJoin, byFile: Map<string, FileAnalysis>, known: ReadonlySet<string>): string[] {
  const files: string[] = [];
  for (const entry of join.entries) for (const f of reachable(entry, byFile, known)) if (!files.includes(f)) files.push(f);
  // Go packages the image builds, with the packages of the repository's own module they import (go.mod).
  for (const f of join.other) for (const g of isGoSource(f) ? reachable(f, byFile, known) : [f]) if (!files.includes(g)) files.push(g);
  return files;
}

/** The note of a function whose code path (relative to its declaration's folder) leads above the folder read. */
const outsideCodeNote = (codePath: string): string => `its code path ${codePath} is outside the folder read (read one that holds both): ${TEMPLATE_ONLY}`;

/** The code path a function's note says lies above the folder read (outsideCodeNote), for convert's hint. */
export function codePathOutside(u: Unit): string | undefined {
  const [before, after] = outsideCodeNote('\0').split('\0');
  const note = u.decidedBy?.find((d) => !d.ruleId && d.message.startsWith(before) && d.message.endsWith(after));
  return note?.message.slice(before.length, -after.length);
}

/**
 * Why a Lambda function's verdict was reached without its code, as a workload's join note says it: the verdict then
 * rests on the template alone. None for functions generated by a tool (their code is the tool's).
 */
function unreadCodeNote(u: Unit, known: ReadonlySet<string>, byFile: ReadonlyMap<string, FileAnalysis>, listed: ReadonlySet<string>): string | undefined {
  if (u.kind !== 'lambda-function' || u.codeFile || u.generatedFrom) return undefined;
  const tail = TEMPLATE_ONLY;
  if (u.inlineCode)
    return u.source === 'cdk'
      ? `code written inline in the CDK app is not analysed (keep it in a file the app reads, or pass Code.fromAsset, to have it read): ${tail}`
      : u.source === 'terraform'
        ? `code written inline in the configuration (an archive_file's source content) is not analysed (keep it in a file, archived with source_dir or source_file, to have it read): ${tail}`
        : `code written inline in the template is not analysed (save it as a file under the code path to have it read): ${tail}`;
  if (u.packageType === 'Image')
    return u.imageBuild?.handler
      ? `handler ${u.imageBuild.handler} (the CMD of ${u.imageBuild.dockerfile}) not found in the build context (check the CMD and the COPY lines that bring the code in): ${tail}`
      : `no Dockerfile found for the image${u.image ? ` ${u.image}` : ''} (SAM Metadata.DockerContext, or a Dockerfile FROM a Lambda base image): ${tail}`;
  if (/^ruby/.test(u.runtime ?? '')) return `Ruby code is not analysed: ${tail}`;
  // A custom runtime built from a Rust crate (cargo lambda, serverless-rust): its Cargo.toml in the code folder, or
  // above the target/ folder cargo builds into (target/lambda/NAME/).
  if (rustManifestOf(u, byFile, known)) return `Rust code is not analysed: ${tail}`;
  if (!u.handler) return `no handler declared: ${tail}`;
  // A package already built (a zip or jar committed, or named as the code path): its contents are not read.
  // From the workspace's root, except a CDK asset path, which is the CDK app's (where `cdk synth` runs): as written.
  // A package in S3 (`s3://bucket/key.zip`) is named as written.
  const archive = /\.(zip|jar)$/i.test(u.codeUri ?? '')
    ? u.source === 'cdk' || /^s3:\/\//i.test(u.codeUri!)
      ? u.codeUri
      : joinPath(dirOf(u.file), u.codeUri!)
    : undefined;
  // The sources of a language not analysed (a Kotlin jar, an F# package) say more than the archive built from them.
  const other = unanalysedLanguageIn(joinPath(dirOf(u.file), archive ? '' : (u.codeUri ?? '')), listed);
  if (archive && !other)
    return /^s3:\/\//i.test(archive)
      ? `the code is the package ${archive}, built outside this repository or from sources not named like it, whose contents are not read; check its sources by hand for servers, background work and reads of the Lambda context: ${tail}`
      : `the code is the archive ${archive}, whose contents are not read (point the code path at the sources it is built from to have them read): ${tail}`;
  if (u.prebuiltPackage)
    return `the code is a package built outside this configuration (${u.prebuiltPackage}), whose sources are not known here; check them by hand: ${tail}`;
  if (other)
    return `${other} code is not analysed (the handler ${u.handler} is in it or built from it); check it by hand for servers, background work and reads of the Lambda context: ${tail}`;
  // A code path above the folder read (`../fixtures/app` from a Terraform example): its code is there, but not read.
  // A CDK asset path is the CDK app's, whose folder is not known here.
  const codePath = u.codeUri && u.source !== 'cdk' && !/^s3:\/\//i.test(u.codeUri) ? joinPath(dirOf(u.file), u.codeUri) : undefined;
  if (codePath && (codePath === '..' || codePath.startsWith('../'))) return outsideCodeNote(u.codeUri!);
  return `handler ${u.handler} not found${u.codeUri ? ` under ${u.codeUri}` : ''} (check the handler and the code path it is read from): ${tail}`;
}

/** iac/event-source's HTTP message as a pattern made from the rule's own template, to read its name and detail back. */
const HTTP_EVENT_MESSAGE = new RegExp(
  `^${escapeRegExp(eventSource.meta.messages.http).replace('\\{name\\}', '(?<name>.+?)').replace('\\{detail\\}', '(?<detail>.*)')}$`,
);

/**
 * An HTTP event message in the wording for a function that already runs a web app: behind Lambda Web Adapter
 * (iac/event-source's `httpAdapted`), or through an in-code adapter (`httpFramework`, naming the app); undefined for
 * another message.
 */
function adaptedHttpMessage(message: string, app?: string): string | undefined {
  const g = HTTP_EVENT_MESSAGE.exec(message)?.groups;
  if (!g) return undefined;
  const template = app ? eventSource.meta.messages.httpFramework.replace('{app}', () => app) : eventSource.meta.messages.httpAdapted;
  return template.replace('{name}', () => g.name).replace('{detail}', () => g.detail);
}

/**
 * For a Java file, the Spring Boot embedded server its project's build leaves out (`spring-boot-starter-tomcat excluded
 * in pom.xml`): the folder of build files nearest above it (a module's own before its parent's) decides, and of a Maven
 * and a Gradle build side by side, one that leaves the server out.
 */
function excludedServerOf(analyses: readonly FileAnalysis[]): (file: string) => string | undefined {
  const builds = new Map<string, FileAnalysis>();
  for (const a of analyses) if (a.kind === 'java-build' && !builds.get(dirOf(a.file))?.facts?.excludedServer) builds.set(dirOf(a.file), a);
  if (!builds.size) return () => undefined;
  return (file) => {
    const d = nearestFolder(file, (dir) => builds.has(dir));
    const b = d === undefined ? undefined : builds.get(d);
    return b?.facts?.excludedServer ? `${b.facts.excludedServer} excluded in ${b.file}` : undefined;
  };
}

/**
 * The web app a function's code serves through an in-code adapter (`an Express app served through serverless-http`):
 * from its handler file and the files it reaches, or for Java from the handler class (the library's own, or the
 * project's class that imports it).
 */
function frameworkAppOf(
  u: Unit,
  byFile: ReadonlyMap<string, FileAnalysis>,
  known: ReadonlySet<string>,
  serverLeftOut: (file: string) => string | undefined,
): string | undefined {
  if (u.kind !== 'lambda-function' || !u.events.some((e) => e.type === 'http')) return undefined;
  const files = [u.codeFile, ...(u.codeFiles ?? [])];
  const cls = /^([\w$.]+?)(?:::|$)/.exec(u.handler ?? '')?.[1]?.replace(/\$.*$/, '');
  // A Spring Boot app whose build leaves the embedded server out (the library's archetypes do): said with the app.
  const withBuild = (phrase: string, framework: string) => {
    const left = framework === 'Spring Boot' && u.codeFile ? serverLeftOut(u.codeFile) : undefined;
    return left ? `${phrase} (built without its embedded server: ${left}; put it back)` : phrase;
  };
  if (cls && /\./.test(cls) && (u.runtime ?? '').startsWith('java')) {
    const library = javaProxyPackage([cls]);
    if (library) {
      const framework = javaProxyFramework(library);
      return withBuild(adaptedAppPhrase({ adapter: 'aws-serverless-java-container', framework }), framework);
    }
    const tail = `/${cls.replace(/\./g, '/')}.java`;
    const folder = dirOf(u.file);
    files.push(...[...known].filter((k) => `/${k}`.endsWith(tail) && (folder === '' || k.startsWith(`${folder}/`))));
  }
  for (const f of files) {
    const adapter = f ? byFile.get(f)?.facts?.httpAdapter : undefined;
    if (adapter) return withBuild(adaptedAppPhrase(adapter), adapter.framework);
  }
  return undefined;
}

/** `(image mongo:4.4.0)` in a finding's message: the image and its tag or digest. */
const IMAGE_TAG_IN_MESSAGE = /\(image ([^\s):@]+(?:\/[^\s):@]+)*)(?:[:@][^\s)]+)?\)/g;

const REJUDGED_IDS = new Set(REJUDGED_RULES.map((r) => r.meta.id));

/**
 * The finalising step for one file, shared by the workspace join and the editor's open documents (documentFindings):
 * each raw finding gets the units it counts for (its declaration's unit, or the units whose code reaches the file),
 * and is kept or dropped by what those units are: entry-only and program-only code, LambdaShift's own output, the
 * direction setting, a duration within the owner's timeout; its message names the owner's timeout or memory.
 */
function finaliseFindings<U extends OwnerUnit>(a: FileAnalysis, join: FileJoin<U>, direction: DirectionSetting): OwnedFinding<U>[] {
  const out: OwnedFinding<U>[] = [];
  const codeOwners = join.owners;
  const canonical = join.canonical;
  const rename = (message: string, owner: Unit | undefined): string => {
    for (const old of (owner && join.oldNames?.get(owner)) ?? []) message = message.split(old).join(owner!.name);
    return message;
  };
  // IaC findings belong to the unit whose declaration contains them.
  const unitAt = (offset: number) => a.units.find((u) => [u.range, ...Object.values(u.fieldRanges ?? {})].some((r) => r && offset >= r[0] && offset <= r[1]));
  for (const raw of a.findings) {
    if (join.adapted && raw.category === 'listening-server' && raw.direction === 'to-lambda') continue;
    // A Lambda MicroVM's app is a long-lived server by design (hooks on a port, its own threads and state): the
    // to-Lambda findings of its code describe how it already runs there, unless a unit of its own claims the file.
    if (join.microvm && raw.direction === 'to-lambda' && !join.owners.length) continue;
    let declared: Unit | undefined;
    let dropped = false;
    if (raw.unit !== undefined || !codeOwners.length) {
      const own = raw.unit !== undefined ? a.units.filter((u) => u.name === raw.unit) : [];
      declared = own.length > 1 ? (own.find((u) => u === unitAt(raw.start)) ?? own[0]) : (own[0] ?? unitAt(raw.start));
      if (declared && (join.rejudged?.has(declared) || join.rejudgedNames?.has(declared.name)) && REJUDGED_IDS.has(raw.ruleId)) continue;
      if (declared && join.replacedNames?.has(declared.name)) continue;
      if (declared && canonical) {
        dropped = canonical.has(declared) && canonical.get(declared) === undefined;
        declared = canonical.get(declared) ?? declared;
      }
    }
    // Findings about a patch file's own documents are not about any service: the patch's effect is checked at the join.
    if (dropped) continue;
    let owners: (U | Unit)[] = declared ? [declared] : [...codeOwners];
    // Code inside one handler counts for the functions whose handler it is, not for another export of the same file.
    // A function whose handler names no export the file has (a template naming `app.handler` over `lambda_handler`)
    // cannot be told apart: everything counts for it, as before.
    if (raw.handlers && !declared) {
      const handlers = raw.handlers;
      owners = owners.filter((u) => {
        const h = join.handlerAt(u);
        return h === undefined || !a.handlerExports.includes(h) || handlers.includes(h);
      });
    }
    // A main block runs only where the file is the program: a workload whose image starts it.
    if (raw.entryOnly) {
      owners = owners.filter((u) => join.isEntry(u));
      if (!owners.length) continue;
    }
    // A write under /mnt is fine where every function the file belongs to mounts a file system over that path; in
    // code no unit reaches, nothing says whether one is mounted there (an IaC not read, e.g. a Python CDK app): silent.
    if (raw.unlessMounted && (!owners.length || owners.every((o) => o.kind === 'lambda-function' && mountedAt(o, raw.unlessMounted!)))) continue;
    // A deploy or packaging script is no function's code unless a unit's code reaches it.
    if (raw.reachedOnly && !codeOwners.length) continue;
    // One setting shared by several units (a provider runtime) counts for each unit it names.
    if (raw.units && declared) owners = declaredOwners(raw, a.units).map((u) => canonical?.get(u) ?? u);
    // A Java or C# main never runs under the Lambda runtime: it counts only where the file is a program.
    if (raw.programOnly && owners.length && owners.every((o) => o.kind === 'lambda-function')) continue;
    // LambdaShift's own output (an earlier convert) is listed, never assessed.
    if (generatedOnly(owners)) continue;
    if (
      !keepsFinding(
        direction,
        raw.direction,
        owners.map((u) => u.kind),
      )
    )
      continue;
    const owner = owners[0];
    let message = raw.message;
    if (raw.minDurationSeconds !== undefined) {
      const limit = owners.length ? Math.min(...owners.map((o) => (o.kind === 'lambda-function' ? (o.timeoutSeconds ?? 3) : 900))) : 900;
      if (raw.minDurationSeconds <= limit) continue;
    }
    if (raw.mentions === 'timeout' && owner?.timeoutSeconds !== undefined) {
      message += ` (${owner.name} is configured with a ${owner.timeoutSeconds} s timeout.)`;
    } else if (raw.mentions === 'memory' && owner?.memoryMB !== undefined) {
      message += ` (${owner.name} is configured with ${owner.memoryMB} MB.)`;
    } else if (raw.mentions === 'embedded-server' && join.excludedServer) {
      message += ` Its build leaves that server out (${join.excludedServer}): put it back first, or the main starts none.`;
    }
    message = rename(message, declared);
    // An image function behind Lambda Web Adapter is known only once the join has read its Dockerfile: its HTTP event
    // gets the wording iac/event-source gives functions whose template shows the adapter.
    if (declared && (declared.imageBuild?.webAdapter || join.adaptedImages?.has(declared.name)) && raw.ruleId === eventSource.meta.id)
      message = adaptedHttpMessage(message) ?? message;
    else if (declared && join.frameworkApps?.has(declared.name) && raw.ruleId === eventSource.meta.id)
      message = adaptedHttpMessage(message, join.frameworkApps.get(declared.name)) ?? message;
    out.push({ finding: toContractFinding({ ...raw, message }, a.file, a.lineStarts, owner?.name), owners, iac: Boolean(declared) });
  }
  return out;
}

/**
 * An open document's findings, finalised exactly as the workspace join finalises that file (finaliseFindings), with
 * what the last workspace assessment knew about the file (`join`; undefined before one: the file has no owner).
 * Join-level findings (a Kustomize patch's effect, Helm values) and the merge of units described several times are
 * the workspace's: they show after Assess Workspace.
 */
export function documentFindings(a: FileAnalysis, join: FileJoinRecord | undefined, direction: DirectionSetting): Finding[] {
  const owned = finaliseFindings(
    a,
    {
      owners: join?.owners ?? [],
      isEntry: (u) => 'entry' in u && u.entry === true,
      // The record's owners carry it only where this file is their handler file (fileJoinRecord).
      handlerAt: (u) => ('handlerExport' in u ? u.handlerExport : undefined),
      adapted: join?.adapted === true,
      microvm: join?.microvm === true,
      adaptedImages: new Set(join?.adaptedImages ?? []),
      frameworkApps: new Map(Object.entries(join?.frameworkApps ?? {})),
      excludedServer: join?.excludedServer,
      rejudgedNames: new Set(join?.rejudged ?? []),
      replacedNames: new Set(join?.replaced ?? []),
    },
    direction,
  );
  for (const o of owned) if (o.owners.length) o.finding.unitIds = o.owners.map(unitKey);
  // What the join found in this file at the last assessment (a workload judged with the Service of another file).
  const extra = (join?.joinFindings ?? []).map((f) => ({ ...f }));
  return [...owned.map((o) => o.finding), ...extra].sort(compareFindings);
}
