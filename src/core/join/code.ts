// Workload ↔ code: for each container, the folder that builds its image (skaffold artifacts, compose build contexts,
// `docker build` lines in scripts and CI, Helm values, a folder named after the image or the service), then the file
// the image starts (Dockerfile CMD/ENTRYPOINT through WORKDIR and COPY, the container's command/args, package.json,
// Procfile, conventional names). The caller follows imports from those files, as it does from Lambda handlers.
import { resolveImport } from './subpath';
import { containerPath, SHELLS, shellWords, WRAPPERS } from '../model/build';
import { finalBase } from './lambdaImage';
import { unanalysedLanguageIn } from '../unanalysed';
import {
  commandWords,
  inlineScriptTools,
  datastoreOf,
  datastoreServed,
  imageBase,
  imageRepo,
  isLanguageRuntimeImage,
  isThirdPartyImage,
  looseName,
  monitoringOf,
} from '../model/images';
import { CODE_EXTS, dirOf, joinPath } from '../relpath';
import type { ContainerInfo, DockerStage, FileAnalysis, FileFacts, Unit } from '../types';

/** A place that says which folder builds an image, with its trust (lower is more trusted). */
interface Build {
  image?: string;
  service?: string;
  context: string;
  dockerfile?: string;
  via: string;
  trust: number;
  /**
   * The context is shared by several builds and this one's Dockerfile could not be read (`${ACCOUNTING_DOCKERFILE}`):
   * the context alone does not say which code the image holds.
   */
  vague?: boolean;
}

export interface CodeIndex {
  byFile: Map<string, FileAnalysis>;
  /** Analysed files (JS/TS/Python code among them). */
  known: ReadonlySet<string>;
  /** Every file of the workspace, analysed or not. */
  files: ReadonlySet<string>;
  /** Folder → the files directly in it. */
  dirs: Map<string, string[]>;
  builds: Build[];
  /** Project folder (projectDockerfileDir) → the repositories of the workspace's own images its manifests run. */
  projectImages?: Map<string, Set<string>>;
}

export interface CodeJoin {
  /** Analysed entry files (imports are followed from these). */
  entries: string[];
  /** Source files of languages whose entry is not followed through imports (Go, Java, C#, Kotlin, Rust). */
  other: string[];
  /** The folder holding the service's own code: the build context, or the Dockerfile's folder in a shared context. */
  context?: string;
  joinedBy?: string;
  /** Why the code is missing or only partly read, for the verdict's reasons. */
  note?: string;
  /** `.proto` files the image is built with: under the service's folder, or copied in by its Dockerfile. */
  protos?: string[];
  /** The image is built FROM a datastore's image (`FROM mongo:5` plus init scripts): it runs that datastore's server. */
  builtFrom?: string;
  /** The image is a static web server (nginx, httpd, Caddy) serving files built from the code: the code runs in browsers. */
  staticSite?: StaticSite;
}

export interface StaticSite {
  /** The web server the image runs: `nginx`, `Apache httpd`, `Caddy`. */
  server: string;
  /** The folder the files are built from. */
  from: string;
}

/** Static web servers by image base name. */
const STATIC_SERVERS: Record<string, string> = {
  nginx: 'nginx',
  'nginx-unprivileged': 'nginx',
  openresty: 'OpenResty (nginx)',
  httpd: 'Apache httpd',
  caddy: 'Caddy',
  lighttpd: 'lighttpd',
};
/** What such an image starts, when its command is written out (`nginx -g 'daemon off;'`). */
const STATIC_SERVER_PROGRAMS = /^(?:nginx|nginx-debug|openresty|httpd|httpd-foreground|apache2ctl|caddy|lighttpd|docker-entrypoint\.sh)$/;
/** Where those servers read the files they serve. */
const WEB_ROOTS = /^\/(?:usr\/share\/nginx\/html|usr\/local\/apache2\/htdocs|var\/www|srv|usr\/share\/caddy|etc\/nginx\/html)(?:\/|$)/;

/**
 * The image's last stage runs a stock web server over files copied into its web root from an earlier stage or the
 * context (`COPY --from=builder /app/dist /usr/share/nginx/html`), and nothing else: a built single-page app or static
 * site. A web server stage that copies in only its configuration is a proxy, not a site.
 */
function staticSiteOf(stages: DockerStage[], program: string | undefined, codeRoot: string): StaticSite | undefined {
  const last = stages[stages.length - 1];
  if (!last || stages.some((s) => s !== last && s.name === last.from)) return undefined;
  const server = STATIC_SERVERS[imageBase(last.from)];
  if (!server) return undefined;
  if (program && !STATIC_SERVER_PROGRAMS.test(program.replace(/^.*\//, ''))) return undefined;
  const served = last.copies.some((c) => WEB_ROOTS.test(c.dest) && (c.from !== undefined || c.sources.some((x) => !/\.(?:conf|template|sh)$/.test(x))));
  return served ? { server, from: codeRoot || '.' } : undefined;
}

const TRUST = { skaffold: 1, compose: 2, script: 3, helm: 4, folder: 5 } as const;

export function buildCodeIndex(analyses: readonly FileAnalysis[], files: Iterable<string>, byFile: Map<string, FileAnalysis>): CodeIndex {
  const all = new Set(files);
  for (const a of analyses) all.add(a.file);
  const dirs = new Map<string, string[]>();
  for (const f of all) {
    for (let d = dirOf(f), child = f; ; child = d, d = dirOf(d)) {
      const list = dirs.get(d);
      if (list) {
        if (child === f) list.push(f);
        break;
      }
      dirs.set(d, child === f ? [f] : []);
      if (d === '') break;
    }
  }
  const builds: Build[] = [];
  const exists = (d: string) => d === '' || dirs.has(d);
  for (const a of analyses) {
    for (const b of a.facts?.builds ?? []) {
      const here = dirOf(a.file);
      let context: string | undefined;
      let via: string;
      let trust: number;
      if (a.kind === 'skaffold' || a.kind === 'compose') {
        context = joinPath(here, b.context);
        via = a.kind === 'skaffold' ? `${a.file} artifact` : `${a.file} build context`;
        trust = a.kind === 'skaffold' ? TRUST.skaffold : TRUST.compose;
      } else {
        // Scripts and CI jobs usually run from the repository root; a script may also run from its own folder. Without
        // -f, the context that holds a Dockerfile is the one (`docker build .` in test/e2e.sh, run from the root).
        const candidates = [joinPath(here, b.context), joinPath(b.context)].filter(exists);
        const withDockerfile = b.dockerfile ? undefined : candidates.find((c) => all.has(joinPath(c, 'Dockerfile')) || all.has(joinPath(c, 'Containerfile')));
        context = withDockerfile ?? candidates[0];
        via = `docker build in ${a.file}:${b.line}`;
        trust = TRUST.script;
      }
      if (context === undefined || context.startsWith('..') || !exists(context)) continue;
      const dockerfile = b.dockerfile
        ? [joinPath(context, b.dockerfile), joinPath(here, b.dockerfile), joinPath(b.dockerfile)].find((p) => all.has(p))
        : undefined;
      builds.push({
        ...(b.image && !/^\$\{?\w+\}?$/.test(b.image) ? { image: b.image } : {}),
        ...(b.service ? { service: b.service } : {}),
        context,
        ...(dockerfile ? { dockerfile } : {}),
        via,
        trust,
        ...(b.dockerfile && !dockerfile ? { vague: true } : {}),
      });
    }
  }
  const perContext = new Map<string, number>();
  for (const b of builds) perContext.set(b.context, (perContext.get(b.context) ?? 0) + 1);
  for (const b of builds) if (b.vague && (perContext.get(b.context) ?? 0) < 2) delete b.vague;
  builds.sort((x, y) => x.trust - y.trust || x.context.localeCompare(y.context));
  return { byFile, known: new Set(byFile.keys()), files: all, dirs, builds };
}

/** A build that names this image (same repository, else same base name), or this workload as a compose service. */
function buildFor(image: string | undefined, workload: string, index: CodeIndex): Build | undefined {
  const repo = image && !image.includes('{{') ? imageRepo(image) : undefined;
  const base = image && !image.includes('{{') ? imageBase(image) : undefined;
  const candidates = index.builds.filter((b) => {
    if (b.image && repo && (imageRepo(b.image) === repo || imageBase(b.image) === base)) return true;
    return b.service !== undefined && (looseName(b.service) === looseName(workload) || (base !== undefined && looseName(b.service) === looseName(base)));
  });
  if (!candidates.length) return suffixBuild(workload, index);
  const best = candidates[0].trust;
  // Among equally trusted builds, an exact repository match beats a base-name match.
  return candidates.filter((b) => b.trust === best).find((b) => b.image && repo && imageRepo(b.image) === repo) ?? candidates[0];
}

/**
 * The one build whose image or compose service is the workload's name with a project prefix (skaffold's
 * `spring-petclinic-customers-service` for the workload `customers-service`, whose manifest's image is
 * `${REPOSITORY_PREFIX}/spring-petclinic-cloud-customers-service`); none when two builds could be it.
 */
function suffixBuild(workload: string, index: CodeIndex): Build | undefined {
  const name = workload.toLowerCase();
  if (name.length < 3 || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) return undefined;
  const hits = index.builds.filter((b) =>
    [b.image ? imageBase(b.image) : undefined, b.service?.toLowerCase()].some(
      (n) => n !== undefined && n !== name && (n.endsWith(`-${name}`) || n.endsWith(`_${name}`)),
    ),
  );
  const contexts = new Set(hits.map((b) => b.context));
  if (contexts.size !== 1) return undefined;
  const b = hits[0];
  return { ...b, via: `${b.via} (${b.image ? `image ${imageBase(b.image)}` : `service ${b.service}`}, the workload's name with a prefix)` };
}

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?|py|go|java|kt|cs|fs|rs|rb|php|scala)$/i;

/** Per index, its folders by the loose form of their own name: folderFor is asked once per workload. */
const foldersByName = new WeakMap<CodeIndex, Map<string, string[]>>();

function foldersNamed(index: CodeIndex, loose: string): readonly string[] {
  let byName = foldersByName.get(index);
  if (!byName) {
    byName = new Map();
    for (const dir of index.dirs.keys()) {
      if (!dir) continue;
      const key = looseName(dir.slice(dir.lastIndexOf('/') + 1));
      const list = byName.get(key);
      if (list) list.push(dir);
      else byName.set(key, [dir]);
    }
    foldersByName.set(index, byName);
  }
  return byName.get(loose) ?? [];
}

/** An image that may be the repository's own: not a known product's, nor a language runtime's. */
function ownImage(image: string | undefined): boolean {
  return Boolean(image) && !image!.includes('{{') && !isThirdPartyImage(image) && !isLanguageRuntimeImage(image) && !datastoreOf(image) && !monitoringOf(image);
}

/**
 * The nearest folder holding a Dockerfile among a manifest's own folder and the two above it, below the repository's
 * root: the project the manifest deploys, in a repository of many (`samples/app/k8s/deploy.yaml`).
 */
function projectDockerfileDir(file: string, index: CodeIndex): string | undefined {
  let dir = dirOf(file);
  for (let up = 0; up < 3 && dir !== ''; up++, dir = dirOf(dir)) {
    if ((index.dirs.get(dir) ?? []).some((f) => /(^|\/)(Dockerfile|Containerfile)$/i.test(f))) return dir;
  }
  return undefined;
}

function sameRepository(b: Build, image: string | undefined): boolean {
  return Boolean(b.image && image && imageRepo(b.image) === imageRepo(image));
}

/** Whether a folder and a manifest sit in one project: they share a folder below the repository's root. */
function sharesProject(folder: string, file: string): boolean {
  const top = (p: string) => p.split('/')[0];
  return folder === '' || !file.includes('/') || top(folder) === top(file);
}

/** How many leading folders two paths share. */
function sharedFolders(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * A folder named after the image or the workload that holds a Dockerfile or code: the last resort. Near a manifest
 * (`near`, its folder), the folder in the manifest's own sample wins over one of that name in another sample
 * (`tutorials/hello-kubernetes/node/` for `tutorials/hello-kubernetes/deploy/node.yaml`, not `tutorials/secretstore/node/`).
 */
function folderFor(names: string[], index: CodeIndex, under?: string, near?: string): string | undefined {
  const hits: { dir: string; score: number; shared: number }[] = [];
  for (const loose of new Set(names.filter(Boolean).map(looseName))) {
    for (const dir of foldersNamed(index, loose)) {
      if (under && !dir.startsWith(`${under}/`)) continue;
      const hasDockerfile = index.dirs.get(dir)!.some((f) => /(^|\/)(Dockerfile|Containerfile)$/i.test(f));
      const depth = dir.split('/').length;
      const prefix = `${dir}/`;
      let hasCode = hasDockerfile;
      for (const f of index.files) {
        if (hasCode) break;
        hasCode = f.startsWith(prefix) && SOURCE_EXT.test(f) && f.split('/').length - depth <= 4;
      }
      if (!hasCode) continue;
      hits.push({ dir, score: (hasDockerfile ? 0 : 100) + depth, shared: near === undefined ? 0 : sharedFolders(dir, near) });
    }
  }
  hits.sort((a, b) => b.shared - a.shared || a.score - b.score || a.dir.localeCompare(b.dir));
  return hits[0]?.dir;
}

/**
 * A chart kept inside its service's folder (`src/cart/chart/` beside `src/cart/Dockerfile`): the folder builds the
 * chart's own image, the one its values' top-level `image` names, unless that is a known product's (a chart's Redis).
 */
function chartOwner(file: string, raw: string, image: string | undefined, index: CodeIndex): string | undefined {
  const root = /^(.*?)\/?templates\//.exec(file)?.[1];
  if (!root || /\.Values\.[\w-]+\.image\b/.test(raw) || datastoreOf(image) || monitoringOf(image)) return undefined;
  const owner = dirOf(root);
  return (index.dirs.get(owner) ?? []).some((f) => /(^|\/)(Dockerfile|Containerfile)$/i.test(f)) ? owner : undefined;
}

/** The stage an image runs (the last one) and what it inherits from the stages it is built FROM. */
function effectiveStage(stages: DockerStage[]): { stage: DockerStage; entrypoint?: string[]; cmd?: string[]; workdir?: string } | undefined {
  const last = stages[stages.length - 1];
  if (!last) return undefined;
  let entrypoint: string[] | undefined;
  let cmd: string[] | undefined;
  let workdir: string | undefined;
  const seen = new Set<DockerStage>();
  for (let s: DockerStage | undefined = last; s && !seen.has(s); s = stages.find((x) => x.name && x.name === s!.from)) {
    seen.add(s);
    if (entrypoint === undefined && s.entrypoint) {
      entrypoint = s.entrypoint;
      // An ENTRYPOINT set here drops the CMD of the stages below.
      if (cmd === undefined) cmd = s.cmd ?? [];
    }
    if (cmd === undefined && s.cmd) cmd = s.cmd;
    workdir ??= s.workdir;
  }
  return { stage: last, entrypoint, cmd, workdir };
}

const PY_SERVERS = /(?:^|\/)(?:gunicorn|uvicorn|hypercorn|daphne|waitress-serve|granian|uwsgi)$/;
/** uWSGI's options that name the file to load (`--wsgi-file app.py`); its `-w`/`--module` name a module:callable. */
const UWSGI_FILE_OPTIONS = new Set(['--wsgi-file', '--file']);

/** What a command line starts: script paths (as written), Python modules, npm scripts, `node .`. */
export interface Launch {
  scripts: string[];
  modules: string[];
  npmScripts: string[];
  packageMain: boolean;
}

export function launchOf(argv: string[]): Launch {
  const out: Launch = { scripts: [], modules: [], npmScripts: [], packageMain: false };
  let segments: string[][] = [argv];
  if (argv.length >= 3 && SHELLS.test(argv[0]) && argv[1] === '-c') {
    // The last command of a chain is the one that stays running (`npm run migrate && node server.js`).
    segments = argv
      .slice(2)
      .join(' ')
      .split(/&&|\|\||;/)
      .map((s) => shellWords(s.trim()))
      .reverse();
  }
  for (const words of segments) {
    const w = words.filter((x) => !/^\w+=/.test(x) && !WRAPPERS.test(x));
    const before = out.scripts.length + out.modules.length + out.npmScripts.length + (out.packageMain ? 1 : 0);
    for (let i = 0; i < w.length; i++) {
      const word = w[i];
      const exe = word.slice(word.lastIndexOf('/') + 1);
      if (/^(?:npm|yarn|pnpm|bun)$/.test(exe)) {
        const next = w[i + 1] === 'run' || w[i + 1] === 'run-script' ? w[i + 2] : w[i + 1];
        // `bun run server.js` (and `bun server.js`) runs a file; other words name a package.json script.
        if (next && exe === 'bun' && /\.(?:[cm]?[jt]sx?)$/.test(next)) out.scripts.push(next);
        else if (next && !next.startsWith('-')) out.npmScripts.push(next);
        break;
      }
      if (/^node(?:js)?$/.test(exe) && (w[i + 1] === '.' || w[i + 1] === './')) {
        out.packageMain = true;
        break;
      }
      // `python -m uvicorn main:app` runs the server, which loads the app's module (below).
      if (/^python[\d.]*$/.test(exe) && w[i + 1] === '-m' && w[i + 2] && !PY_SERVERS.test(w[i + 2])) {
        out.modules.push(w[i + 2]);
        break;
      }
      if (PY_SERVERS.test(word)) {
        // `app:app`, also as an option's value (`--module=app:app`, uWSGI's `-w app:app`).
        const rest = w.slice(i + 1);
        const app = rest.map((x) => x.replace(/^--?[\w-]+=/, '')).find((x) => /^[A-Za-z_][\w.]*:[A-Za-z_][\w().]*$/.test(x));
        if (app) out.modules.push(app.split(':')[0]);
        else if (exe === 'uwsgi') {
          // `--wsgi-file app.py` / `--wsgi-file=app.py`; `--ini uwsgi.ini` names no file here (fallbackEntries decides).
          for (let k = 0; k < rest.length; k++) {
            const [opt, value] = rest[k].includes('=') ? rest[k].split('=', 2) : [rest[k], rest[k + 1]];
            if (UWSGI_FILE_OPTIONS.has(opt) && value && /\.py$/.test(value)) out.scripts.push(value);
          }
        }
        break;
      }
      if (/^locust$/.test(exe) && !w.includes('-f') && !w.some((x) => x.startsWith('--locustfile'))) out.scripts.push('locustfile.py');
      if (/\.(?:[cm]?[jt]s|py)$/.test(word) && !/^-/.test(word)) out.scripts.push(word.replace(/^--?[\w-]+=/, ''));
    }
    if (out.scripts.length + out.modules.length + out.npmScripts.length + (out.packageMain ? 1 : 0) > before) break;
  }
  return out;
}

/** Context-relative candidates for a container path, following COPY/ADD (and COPY --from into earlier stages). */
function contextPaths(p: string, stageIndex: number, stages: DockerStage[], depth = 0): string[] {
  const stage = stages[stageIndex];
  if (!stage || depth > 4) return [];
  const out: string[] = [];
  for (const copy of [...stage.copies].reverse()) {
    const dest = containerPath(copy.dest, copy.workdir);
    const destIsDir = copy.dest.endsWith('/') || copy.sources.length > 1 || copy.dest === '.' || copy.dest === './';
    for (const src of copy.sources) {
      const clean = src.replace(/\/$/, '');
      let rel: string | undefined;
      if (p === dest && !destIsDir) rel = '';
      else if (p.startsWith(`${dest === '/' ? '' : dest}/`)) {
        const tail = p.slice(dest === '/' ? 1 : dest.length + 1);
        // A single file copied into a folder keeps its name; a folder's contents land under dest.
        rel = /\.[\w]+$/.test(clean) && !clean.includes('*') && clean !== '.' ? (tail === clean.slice(clean.lastIndexOf('/') + 1) ? '' : undefined) : tail;
      }
      if (rel === undefined) continue;
      const hit = rel === '' ? clean : joinPath(clean, rel);
      if (copy.from !== undefined) {
        const from = /^\d+$/.test(copy.from) ? Number(copy.from) : stages.findIndex((s) => s.name === copy.from);
        if (from >= 0 && from < stageIndex) out.push(...contextPaths(containerPath(hit, undefined), from, stages, depth + 1));
      } else out.push(hit);
    }
  }
  return out;
}

/** A built output (`dist/index.js`) back to its TypeScript/JavaScript source when that is in the workspace. */
function sourceOf(path: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(path)) return path;
  const noExt = path.replace(/\.(?:[cm]?js|py)$/, '');
  for (const ext of CODE_EXTS) if (known.has(noExt + ext)) return noExt + ext;
  const m = /^(.*?)(?:^|\/)(?:dist|build|out|lib)\/(.+)$/.exec(noExt);
  if (m) {
    const root = m[1] ? `${m[1]}/` : '';
    for (const base of [`${root}src/${m[2]}`, `${root}${m[2]}`])
      for (const ext of ['.ts', '.tsx', '.mts', '.js', '.mjs']) if (known.has(base + ext)) return base + ext;
  }
  return undefined;
}

/** Entry files in `context` for a launch (paths as written, relative to `workdir` in the image). */
function resolveLaunch(
  launch: Launch,
  context: string,
  workdir: string | undefined,
  stages: DockerStage[],
  index: CodeIndex,
  depth = 0,
  codeRoot = context,
): string[] {
  const out: string[] = [];
  const add = (f: string | undefined) => {
    if (f && !out.includes(f)) out.push(f);
  };
  const inImage = (p: string) => {
    const abs = containerPath(p, workdir);
    const cands = stages.length ? contextPaths(abs, stages.length - 1, stages) : [];
    // Without a Dockerfile (or a COPY that says otherwise) paths are taken relative to the build context.
    if (!cands.length) cands.push(p.startsWith('/') ? p.slice(1) : p);
    for (const c of cands) {
      const f = sourceOf(joinPath(context, c), index.known);
      if (f && (f === joinPath(context, c) || f.startsWith(context ? `${context}/` : ''))) return f;
    }
    return undefined;
  };
  for (const s of launch.scripts) add(inImage(s));
  for (const m of launch.modules)
    add(inImage(`${m.replace(/\./g, '/')}.py`) ?? inImage(`${m.replace(/\./g, '/')}/__main__.py`) ?? inImage(`${m.replace(/\./g, '/')}/__init__.py`));
  const pkg = (index.byFile.get(joinPath(codeRoot, 'package.json')) ?? index.byFile.get(joinPath(context, 'package.json')))?.facts;
  if (launch.packageMain) add(inImage(pkg?.packageMain ?? 'index.js'));
  if (depth < 3) {
    for (const name of launch.npmScripts) {
      const script = pkg?.processes?.[name];
      if (script) for (const f of resolveLaunch(launchOf(['/bin/sh', '-c', script]), context, workdir, stages, index, depth + 1, codeRoot)) add(f);
      else if (name === 'start') add(inImage(pkg?.packageMain ?? 'server.js'));
    }
  }
  return out;
}

const CONVENTIONAL = [
  'src/index.ts',
  'src/main.ts',
  'src/server.ts',
  'src/app.ts',
  'src/index.js',
  'src/main.js',
  'src/server.js',
  'index.ts',
  'main.ts',
  'server.ts',
  'app.ts',
  'index.js',
  'server.js',
  'app.js',
  'main.js',
  'main.py',
  'app.py',
  'server.py',
  '__main__.py',
  'src/main.py',
  'src/app.py',
  'app/main.py',
];

/** Entry files found without a command: package.json, Procfile, conventional names, a lone script. */
function fallbackEntries(context: string, index: CodeIndex): string[] {
  const facts = (f: string): FileFacts | undefined => index.byFile.get(joinPath(context, f))?.facts;
  const out: string[] = [];
  const procs = facts('Procfile')?.processes ?? {};
  for (const name of ['web', ...Object.keys(procs).filter((k) => k !== 'web')]) {
    if (procs[name]) out.push(...resolveLaunch(launchOf(['/bin/sh', '-c', procs[name]]), context, undefined, [], index));
    if (out.length) return out;
  }
  const pkg = facts('package.json');
  if (pkg) {
    out.push(...resolveLaunch({ scripts: [], modules: [], npmScripts: ['start'], packageMain: Boolean(pkg.packageMain) }, context, undefined, [], index));
    if (out.length) return out;
  }
  for (const c of CONVENTIONAL) {
    const f = joinPath(context, c);
    if (index.known.has(f)) return [f];
  }
  const scripts = (index.dirs.get(context) ?? []).filter(
    (f) => /\.py$|\.[cm]?[jt]s$/.test(f) && !/(^|\/)(test_|conftest|setup\.py|.*\.test\.|.*\.spec\.|.*_pb2)/.test(f) && index.known.has(f),
  );
  if (scripts.length <= 1) return scripts;
  // Several scripts, of which one imports the others (`payment.py` imports `rabbitmq.py`, started by uWSGI from an
  // ini file): the one no other script of the folder imports is what runs.
  const imported = new Set<string>();
  for (const f of scripts)
    for (const spec of index.byFile.get(f)?.imports ?? []) {
      const target = resolveImport(f, spec, index.known, index.byFile);
      if (target && target !== f) imported.add(target);
    }
  const tops = scripts.filter((f) => !imported.has(f));
  return tops.length === 1 && imported.size > 0 ? tops : [];
}

/**
 * The most Go, Java or C# source files one workload reads, its program first: a service's findings in every file of
 * any real service count (eShopOnContainers' largest API has 180), while a context holding a whole monorepo stays bounded.
 */
const MAX_PROGRAM_FILES = 400;

/** Main files of languages without an import graph here (Go, Java, C#: analysed file by file; Kotlin, Rust: not yet). */
function otherLanguageFiles(
  context: string,
  stages: DockerStage[],
  index: CodeIndex,
  buildContext = context,
  /** The program the container starts (`./podinfo`, `/app/api`). */
  runs?: string,
): { files: string[]; language?: string } {
  const under = (d: string) => [...index.files].filter((f) => (d === '' ? true : f.startsWith(`${d}/`)));
  const inContext = under(context);
  const notTest = (f: string) =>
    !/(^|\/)(test|tests|testdata|__tests__|obj|bin|vendor|node_modules)\//i.test(f.slice(context.length)) && !/(_test\.go|Tests?\.(java|cs|kt))$/.test(f);
  if (inContext.some((f) => f.endsWith('.go'))) {
    // What `go build` compiles, found through the stage's COPYs (`COPY ./src/x/main.go main.go`), else under the folder.
    const folders: string[] = [];
    // When one of the builds writes the binary the image runs (`-o bin/podinfo`, `CMD ["./podinfo"]`), only those count:
    // the others are tools beside it (a CLI built in the same stage).
    const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    const binary = runs === undefined ? undefined : base(runs);
    const runsOwn = binary !== undefined && stages.some((st) => st.buildOutputs?.some((o) => o !== null && base(o) === binary));
    for (const [i, st] of stages.entries()) {
      for (const [k, raw] of (st.builds ?? []).entries()) {
        if (raw.includes('...')) continue;
        const out = st.buildOutputs?.[k];
        if (runsOwn && (!out || base(out) !== binary)) continue;
        // `go build cmd/api/*` and `cmd/api/*.go` name the folder's files.
        const pkg = raw.replace(/\/\*(?:\.go)?$/, '');
        const mapped = contextPaths(containerPath(pkg, st.workdir), i, stages).map((c) => joinPath(buildContext, c));
        for (const m of mapped.length ? mapped : [joinPath(context, pkg)]) folders.push(m.endsWith('.go') ? dirOf(m) : m);
      }
    }
    if (!folders.length) folders.push(context, ...inContext.filter((f) => /\/cmd\/[^/]+\/main\.go$/.test(f)).map(dirOf));
    const files = inContext.filter((f) => f.endsWith('.go') && folders.includes(dirOf(f)) && notTest(f));
    // main.go first: the entry of the package the image runs.
    const mainFirst = (a: string, b: string) => Number(b.endsWith('/main.go')) - Number(a.endsWith('/main.go')) || a.localeCompare(b);
    return { files: files.sort(mainFirst).slice(0, MAX_PROGRAM_FILES), language: 'Go' };
  }
  // The program's own file first (a `main`, a C# Program.cs), so the files kept always hold it.
  const program = (f: string) => index.byFile.get(f)?.handlerExports.includes('main') === true || /(^|\/)Program\.cs$/.test(f);
  const programFirst = (a: string, b: string) => Number(program(b)) - Number(program(a)) || a.localeCompare(b);
  const java = inContext.filter((f) => /\.(java|kt)$/.test(f) && notTest(f));
  if (java.length) {
    const main = java.filter((f) => /\/src\/main\//.test(f));
    return {
      files: (main.length ? main : java).sort(programFirst).slice(0, MAX_PROGRAM_FILES),
      language: java.some((f) => f.endsWith('.kt')) ? 'Kotlin' : 'Java',
    };
  }
  const cs = inContext.filter((f) => /\.(cs|fs)$/.test(f) && notTest(f));
  if (cs.length) return { files: cs.sort(programFirst).slice(0, MAX_PROGRAM_FILES), language: 'C#' };
  const rust = inContext.filter((f) => /\/src\/main\.rs$/.test(f));
  if (rust.length) return { files: rust, language: 'Rust' };
  return { files: [] };
}

function stagesOf(dockerfile: string | undefined, context: string, index: CodeIndex): DockerStage[] {
  const file = dockerfile ?? joinPath(context, 'Dockerfile');
  return (
    index.byFile.get(file)?.facts?.dockerfile?.stages ??
    (dockerfile ? [] : ((index.dirs.get(context) ?? []).map((f) => index.byFile.get(f)).find((a) => a?.kind === 'dockerfile')?.facts?.dockerfile?.stages ?? []))
  );
}

/** The project folders of the workloads' manifests, with the images each runs (CodeIndex.projectImages). */
export function noteProjectImages(units: readonly Unit[], index: CodeIndex): void {
  const out = new Map<string, Set<string>>();
  for (const u of units) {
    if (u.kind !== 'k8s-workload' || u.source === 'helm') continue;
    for (const c of u.containers ?? []) {
      if (!ownImage(c.image)) continue;
      const dir = projectDockerfileDir(u.file, index);
      if (dir !== undefined) out.set(dir, (out.get(dir) ?? new Set()).add(imageRepo(c.image!)));
    }
  }
  index.projectImages = out;
}

/** Joins one container to its code. `helmImage` is the image as a Helm template wrote it, when values filled it in. */
export function joinContainer(c: ContainerInfo, unit: Unit, index: CodeIndex, helmImage?: string): CodeJoin {
  const image = c.image;
  // Helm charts have their own rule for the folder that holds them (chartOwner), which knows a component's image.
  let project = ownImage(image) && unit.source !== 'helm' && helmImage === undefined ? projectDockerfileDir(unit.file, index) : undefined;
  // A project folder whose manifests run a fleet of images of their own (a deploy/ folder of a whole shop, its one
  // Dockerfile a tool's) does not say which of them its Dockerfile builds. (Two: a sample and a tool pod beside it.)
  if (project !== undefined && (index.projectImages?.get(project)?.size ?? 0) > 2) project = undefined;
  let build = buildFor(image, unit.name, index);
  // A build in another project of the repository whose image shares only the base name (`gcr.io/p/jax/hello` for
  // `hello`) is not this one's when the manifests' own project folder builds an image.
  if (build && project !== undefined && !sameRepository(build, image) && build.service === undefined && !sharesProject(build.context, unit.file))
    build = undefined;
  let context: string | undefined = build?.context;
  let joinedBy = build?.via;
  let dockerfile = build?.dockerfile;
  const names = [
    image && !image.includes('{{') && !isLanguageRuntimeImage(image) ? imageBase(image) : '',
    unit.name,
    ...(c.name && c.name !== 'server' && c.name !== 'app' && c.name !== 'main' ? [c.name] : []),
  ];
  if (build?.vague) {
    // One context for every service (`context: ./`, `dockerfile: ${X_DOCKERFILE}`): the service's own folder under it
    // names the Dockerfile; its COPY paths stay relative to the shared context.
    const folder = folderFor(names, index, build.context);
    const df = folder !== undefined ? (index.dirs.get(folder) ?? []).find((f) => /(^|\/)(Dockerfile|Containerfile)$/i.test(f)) : undefined;
    if (df) {
      dockerfile = df;
      joinedBy = `${build.via}, Dockerfile by folder name`;
    } else if (folder !== undefined) {
      context = folder;
      joinedBy = `${build.via}, folder name`;
    }
  }
  if (context === undefined) {
    // A known product's image, also under a mirror's name (`gcr.io/google_containers/heapster-grafana-amd64`, `kibana`);
    // not an exporter, which a repository often builds itself (`prometheus-dummy-exporter`).
    if (isThirdPartyImage(image) || datastoreOf(image) || monitoringOf(image)?.exporter === false)
      return { entries: [], other: [], note: `third-party image ${image}: no code of its own here; verdict from manifests only` };
    // An image named with its sample's folder as a prefix (`distributed-calculator-go` built from `go/` in
    // `tutorials/distributed-calculator/`, as a Makefile's `$(PREFIX)$(APP)` names it).
    const base = names[0];
    if (base)
      for (let d = dirOf(unit.file), up = 0; d !== '' && up < 3; d = dirOf(d), up++) {
        const folder = d.slice(d.lastIndexOf('/') + 1);
        if (base.length > folder.length + 1 && base.startsWith(`${folder}-`)) names.push(base.slice(folder.length + 1));
      }
    context = folderFor(names, index, undefined, dirOf(unit.file));
    // Two projects nested in different top-level folders of a repository of samples (`cost-optimization/vpa/k8s/shop.yaml`
    // and `ai-ml/t5/loadgenerator/`) share a service name, not code.
    if (context !== undefined && !sharesProject(context, unit.file) && context.split('/').length >= 3 && unit.file.split('/').length >= 4) context = undefined;
    joinedBy = context === undefined ? undefined : helmImage ? 'Helm values image.repository' : 'folder name';
    // The folder of the manifests' own project (`app/k8s/base/deploy.yaml` beside `app/Dockerfile`).
    if ((context === undefined || !sharesProject(context, unit.file)) && project !== undefined) {
      context = project;
      joinedBy = `the Dockerfile of the manifests' project folder (${project})`;
    }
    if (context === undefined && helmImage) {
      context = chartOwner(unit.file, helmImage, image, index);
      if (context !== undefined) joinedBy = 'the service folder that holds the chart';
    }
  }
  if (context === undefined)
    return {
      entries: [],
      other: [],
      note: `no build found for image ${image ?? '(none)'} (skaffold, compose, docker build, or a folder of that name): verdict from manifests only`,
    };
  return joinBuild(context, dockerfile, joinedBy, index, c);
}

/**
 * Joins an image built from `context` (with `dockerfile`, when one is known) to its code: the files its command starts
 * (the container's command and args over the Dockerfile's ENTRYPOINT and CMD), else the conventional entry files, and
 * the Go, Java and C# sources it builds. For workloads' containers and for Lambda functions packaged as images that
 * start a program of their own (a web app behind Lambda Web Adapter).
 */
export function joinBuild(
  context: string,
  dockerfile: string | undefined,
  joinedBy: string | undefined,
  index: CodeIndex,
  c: Pick<ContainerInfo, 'command' | 'args' | 'mounts'> = {},
  /** What the verdict rests on without the code: a workload's manifests, a function's template. */
  declaredBy = 'manifests',
): CodeJoin {
  // A context shared by several services (a monorepo root): the service's code is the Dockerfile's folder, when that
  // folder holds code (a docker/ folder of Dockerfiles does not).
  const dfDir = dockerfile ? dirOf(dockerfile) : context;
  const holdsCode = [...index.files].some((f) => f.startsWith(`${dfDir}/`) && SOURCE_EXT.test(f));
  const codeRoot = dfDir !== context && (context === '' || dfDir.startsWith(`${context}/`)) && holdsCode ? dfDir : context;
  const stages = stagesOf(dockerfile, context, index);
  const eff = effectiveStage(stages);
  const argv = c.command ? [...c.command, ...(c.args ?? [])] : [...(eff?.entrypoint ?? []), ...(c.args ?? eff?.cmd ?? [])];
  let entries = argv.length ? resolveLaunch(launchOf(argv), context, eff?.workdir, stages, index, 0, codeRoot) : [];
  if (!entries.length) entries = fallbackEntries(codeRoot, index);
  // Through a `sh -c` script, the command it leaves running (`sleep 5; exec /app/api`), not the script's text.
  const viaShell = argv.some((w) => SHELLS.test(w)) && argv.includes('-c') ? commandWords(argv)[0] : undefined;
  const program = viaShell ?? argv.find((w) => !WRAPPERS.test(w) && !SHELLS.test(w) && !/^\w+=/.test(w) && !w.startsWith('-'));
  // A command that runs a script from a mounted volume (a ConfigMap's `/scripts/backup.sh`) runs none of the image's code.
  const runsFrom = c.command ? program : undefined;
  const mount = runsFrom
    ? c.mounts?.map((m) => m.split(':')).find(([, at]) => at && at !== '/' && runsFrom.startsWith(`${at.replace(/\/$/, '')}/`))
    : undefined;
  /** The build folder was found, but the image runs no program of the workspace's (why: the note). */
  const noProgram = (note: string, extra: Partial<CodeJoin> = {}): CodeJoin => ({ entries: [], other: [], context: codeRoot, joinedBy, ...extra, note });
  if (runsFrom && mount)
    return noProgram(`runs ${runsFrom.split(/\s+/)[0]} from volume ${mount[0]}, not code built into its image: verdict from ${declaredBy} only`);
  // A script written in the command that calls only the base system's tools (a hook Job's `sleep 5; exit 0`, a check
  // with `curl`) runs none of the programs built into the image.
  const tools = c.command ? inlineScriptTools(argv) : undefined;
  if (tools)
    return noProgram(
      `runs a shell script written in its command that calls only ${tools.map((t) => `\`${t}\``).join(', ')}, none of the programs built into its image: verdict from ${declaredBy} only`,
    );
  // An entrypoint script of the image's (`ENTRYPOINT ["/root/entrypoint.sh"]`) is judged by the program it ends by starting.
  const script = program && /\.(?:sh|bash)$/.test(program) ? scriptLaunch(program, eff?.workdir, stages, context, index) : undefined;
  const site = !c.command ? staticSiteOf(stages, script ?? program, codeRoot) : undefined;
  if (site)
    return noProgram(
      `its image serves static files built from ${site.from} with ${site.server}: that code runs in browsers, not in the workload, so the verdict is from ${declaredBy} only`,
      { staticSite: site },
    );
  // An image built FROM a datastore's (`FROM mongo:5`, init scripts copied in) runs that datastore, unless its own
  // command starts a client or keeps it idle (datastoreServed): its files configure the server, they are no program.
  const builtFrom = finalBase(stages)?.from;
  const store = builtFrom ? datastoreServed({ image: builtFrom, ...(argv.length ? { command: argv } : {}) }, undefined) : undefined;
  if (builtFrom && store)
    return noProgram(`its image is built FROM ${builtFrom} and runs the ${store} server, with no program of its own: verdict from ${declaredBy} only`, {
      builtFrom,
    });
  const other = otherLanguageFiles(codeRoot, stages, index, context, program);
  const protos = protosOf(codeRoot, context, stages, index);
  const where = codeRoot || '.';
  const base = { context: codeRoot, joinedBy, ...(protos.length ? { protos } : {}) };
  if (!entries.length && !other.files.length) {
    // A service in a language LambdaShift does not read (PHP, Ruby, Elixir…): say so rather than "not found".
    const language = unanalysedLanguageIn(codeRoot, index.files);
    return {
      entries,
      other: [],
      ...base,
      note: language
        ? `${language} code in ${where} is not analysed yet: verdict from ${declaredBy} only`
        : `build context ${where} found, but not the file its image starts: verdict from ${declaredBy} only`,
    };
  }
  // Go, Java and C# files are analysed (their findings count); Kotlin and Rust, or files left out of the analysis, are not.
  const analysed = other.files.some((f) => index.byFile.has(f));
  const note =
    !entries.length && other.language && !analysed ? `${other.language} code in ${where} is not analysed yet: verdict from ${declaredBy} only` : undefined;
  return { entries, other: other.files, ...base, ...(note ? { note } : {}) };
}

/**
 * Joins a program a script starts (`exec python -m uvicorn main:app` in a Lambda Web Adapter function's `run.sh`) to
 * its entry files under `folder`, the folder the script runs in, or to the Java, Go or C# program built there.
 */
export function joinLaunch(folder: string, command: string, joinedBy: string, index: CodeIndex): CodeJoin {
  const entries = resolveLaunch(launchOf(['/bin/sh', '-c', command]), folder, undefined, [], index);
  // `exec java -cp "./:lib/*" com.example.Application`, `exec ./bootstrap`: the Java, Go or C# program in the folder.
  const other = entries.length ? [] : otherLanguageFiles(folder, [], index).files;
  const join = { entries, other, context: folder, joinedBy };
  if (entries.length || other.length) return join;
  return {
    ...join,
    note: `its handler script starts \`${command}\`, which names no file found under ${folder || '.'} (check the script's command against the function's code path): verdict from the template only`,
  };
}

/** The program a shell script copied into the image from the context starts last (build.ts `processes.run`). */
function scriptLaunch(path: string, workdir: string | undefined, stages: DockerStage[], context: string, index: CodeIndex): string | undefined {
  for (const c of stages.length ? contextPaths(containerPath(path, workdir), stages.length - 1, stages) : []) {
    const run = index.byFile.get(joinPath(context, c))?.facts?.processes?.run;
    if (run) return commandWords(shellWords(run))[0];
  }
  return undefined;
}

/** `.proto` files under the service's folder, and those its Dockerfile copies in from elsewhere in the context. */
function protosOf(codeRoot: string, context: string, stages: DockerStage[], index: CodeIndex): string[] {
  const out = new Set<string>();
  const under = (d: string) => {
    for (const f of index.files) if (f.endsWith('.proto') && (d === '' || f === d || f.startsWith(`${d}/`))) out.add(f);
  };
  under(codeRoot);
  for (const s of stages)
    for (const copy of s.copies) if (copy.from === undefined) for (const src of copy.sources) if (src !== '.' && src !== './') under(joinPath(context, src));
  return [...out].sort();
}
