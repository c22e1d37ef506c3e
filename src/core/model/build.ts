// Small extractors for the files that say how a workload's image is built and started: Dockerfiles, skaffold.yaml,
// compose files, Procfiles, package.json, scripts and CI files that run `docker build`, `.proto` service definitions,
// kustomizations and Helm values/charts. Each reads one file's text into `FileFacts`; the workspace join
// (src/core/join/) puts them together. Pure: text in, facts out; nothing here executes or resolves anything outside
// the file.
import type { Document, Node } from 'yaml';
import { getPath, mapEntries, mapGet, nodeRange, seqItems, toJS, type ParsedYaml } from '../parsers/yaml';
import type { DockerStage, FileFacts, JsonPatchOp, WorkloadPatch } from '../types';
import { isSecretEntry, isSecretValue, MASK, maskSecrets } from '../secrets';
import { lineOf, num, str } from './runtimes';
import { joinPath } from '../relpath';
import { PROGRAM_LAUNCH, SAM_MAKE_TARGET } from '../detect';

/** Shells whose `-c` script is the command line. */
export const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh)$/;
/** Words in front of the program that only launch it (`exec`, an init such as tini, `env`, `gosu`). */
export const WRAPPERS = /^(?:exec|tini|\/sbin\/tini|\/usr\/bin\/tini|dumb-init|\/usr\/bin\/dumb-init|--|-g|-s|env|nohup|gosu|su-exec)$/;

/** Splits a shell-ish command into words, honouring quotes. Best effort: no expansion, no globbing. */
export function shellWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/**
 * `["node", "server.js"]` (exec form) or `node server.js` (shell form, run by `/bin/sh -c`). Facts are cached and sent
 * between threads: a credential written into a command (`--token abc…`) is masked here.
 */
function commandOf(rest: string): string[] {
  const t = rest.trim();
  if (t.startsWith('[')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v)) return v.map((w) => (isSecretValue(String(w)) ? MASK : maskSecrets(String(w))));
    } catch {
      // Not valid JSON: Docker runs it in shell form.
    }
  }
  return ['/bin/sh', '-c', maskSecrets(t)];
}

/** Joins continuation lines and drops comments, keeping each instruction's first line number. */
function dockerInstructions(text: string): { line: number; keyword: string; rest: string }[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  const out: { line: number; keyword: string; rest: string }[] = [];
  let buf = '';
  let start = 0;
  let heredoc: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (heredoc !== undefined) {
      if (raw.trim() === heredoc) heredoc = undefined;
      continue;
    }
    if (!buf) {
      const directive = /^#\s*escape\s*=\s*(\S)/i.exec(raw);
      if (directive && out.length === 0) escape = directive[1];
      if (/^\s*#/.test(raw) || !raw.trim()) continue;
      start = i + 1;
    } else if (/^\s*#/.test(raw)) continue;
    const trimmed = raw.replace(/\s+$/, '');
    if (trimmed.endsWith(escape)) {
      buf += trimmed.slice(0, -1) + ' ';
      continue;
    }
    buf += trimmed;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(buf);
    if (m) {
      out.push({ line: start, keyword: m[1].toUpperCase(), rest: m[2] });
      const hd = /<<-?\s*["']?(\w+)["']?/.exec(m[2]);
      if (hd && (m[1].toUpperCase() === 'RUN' || m[1].toUpperCase() === 'COPY')) heredoc = hd[1];
    }
    buf = '';
  }
  return out;
}

/** `$VAR` / `${VAR}` / `${VAR:-default}` from ARG/ENV values seen so far; unknown variables stay as written. */
function expand(s: string, vars: Map<string, string>): string {
  return s.replace(/\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g, (m, a: string | undefined, def: string | undefined, b: string | undefined) => {
    const name = a ?? b ?? '';
    const v = vars.get(name);
    if (v !== undefined && v !== '') return v;
    return def !== undefined ? def : m;
  });
}

const VALUE_FLAGS = new Set(['--from', '--chown', '--chmod', '--link', '--exclude', '--parents', '--checksum', '--keep-git-dir']);

/** A Dockerfile's stages: base image, WORKDIR, COPY/ADD, CMD, ENTRYPOINT, EXPOSE and what `go build` compiles. */
export function extractDockerfile(text: string): FileFacts {
  const stages: DockerStage[] = [];
  const globalArgs = new Map<string, string>();
  let vars = new Map<string, string>();
  let cur: DockerStage | undefined;
  for (const ins of dockerInstructions(text)) {
    const rest = expand(ins.rest, vars);
    switch (ins.keyword) {
      case 'ARG': {
        const m = /^(\w+)(?:=(.*))?$/.exec(ins.rest.trim());
        if (m) (cur ? vars : globalArgs).set(m[1], (m[2] ?? '').replace(/^["']|["']$/g, ''));
        break;
      }
      case 'FROM': {
        const words = shellWords(expand(ins.rest, globalArgs)).filter((w) => !w.startsWith('--'));
        cur = { from: words[0] ?? '', copies: [] };
        const as = words.findIndex((w) => w.toLowerCase() === 'as');
        if (as >= 0 && words[as + 1]) cur.name = words[as + 1];
        // A stage built FROM an earlier one inherits its WORKDIR, CMD and ENTRYPOINT.
        const parent = stages.find((s) => s.name && s.name === cur!.from);
        if (parent) {
          if (parent.workdir) cur.workdir = parent.workdir;
          vars = new Map(globalArgs);
        } else vars = new Map(globalArgs);
        stages.push(cur);
        break;
      }
      case 'ENV': {
        const t = ins.rest.trim();
        const pairs = /^\w+=/.test(t) ? shellWords(t).map((w) => w.split(/=(.*)/s)) : [[t.split(/\s+/)[0], t.slice(t.split(/\s+/)[0].length).trim()]];
        for (const [k, v] of pairs) {
          if (!k) continue;
          vars.set(k, expand(v ?? '', vars));
          // The port Lambda Web Adapter forwards to: AWS_LWA_PORT, else PORT (join/lambdaImage.ts).
          const port = Number(vars.get(k));
          if (cur && (k === 'AWS_LWA_PORT' || (k === 'PORT' && cur.adapterPort?.from !== 'AWS_LWA_PORT')) && Number.isInteger(port) && port > 0 && port < 65536)
            cur.adapterPort = { port, from: k };
        }
        break;
      }
      case 'WORKDIR':
        if (cur) cur.workdir = containerPath(rest.trim().replace(/^["']|["']$/g, ''), cur.workdir);
        break;
      case 'COPY':
      case 'ADD': {
        if (!cur) break;
        let words: string[];
        let from: string | undefined;
        const flags = shellWords(rest).filter((w) => w.startsWith('--'));
        for (const f of flags) {
          const m = /^--from=(.+)$/.exec(f);
          if (m) from = m[1];
        }
        const body = rest.replace(/^(\s*--[\w-]+(=\S+)?\s+)+/, '').trim();
        if (body.startsWith('[')) {
          try {
            words = (JSON.parse(body) as unknown[]).map(String);
          } catch {
            words = shellWords(body);
          }
        } else words = shellWords(body).filter((w) => !VALUE_FLAGS.has(w));
        if (words.length < 2) break;
        const dest = words[words.length - 1];
        // URLs and heredocs are not files of the build context.
        const sources = words.slice(0, -1).filter((w) => !/^https?:\/\//.test(w) && !w.startsWith('<<'));
        if (!sources.length) break;
        cur.copies.push({ sources, dest, ...(from ? { from } : {}), ...(cur.workdir ? { workdir: cur.workdir } : {}) });
        break;
      }
      case 'CMD':
        if (cur) cur.cmd = commandOf(rest);
        break;
      case 'ENTRYPOINT':
        if (cur) {
          cur.entrypoint = commandOf(rest);
          // ENTRYPOINT resets a CMD inherited from the base image.
          delete cur.cmd;
        }
        break;
      case 'EXPOSE':
        if (cur) for (const p of rest.split(/\s+/)) if (/^\d+/.test(p)) (cur.expose ??= []).push(Number(p.replace(/\/.*$/, '')));
        break;
      case 'RUN': {
        if (!cur) break;
        for (const { output, pkgs } of goBuildsIn(rest)) {
          const built = pkgs.length ? pkgs : ['.'];
          const before = cur.builds?.length ?? 0;
          (cur.builds ??= []).push(...built);
          if (output !== null || cur.buildOutputs) {
            cur.buildOutputs ??= new Array<string | null>(before).fill(null);
            cur.buildOutputs.push(...built.map(() => output));
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return { dockerfile: { stages } };
}

/** The `go build`/`go install` commands of a shell line: the packages each builds and the binary it writes (`-o`). */
function goBuildsIn(line: string): { output: string | null; pkgs: string[]; at: number }[] {
  const out: { output: string | null; pkgs: string[]; at: number }[] = [];
  for (const m of line.matchAll(/\bgo\s+(?:build|install)\b([^&;|]*)/g)) {
    const args = shellWords(m[1]);
    const pkgs: string[] = [];
    let output: string | null = null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (/^-(o|ldflags|gcflags|tags|mod|trimpath=?)$/.test(a) && !a.includes('=')) {
        if (a === '-o') output = args[i + 1] ?? null;
        if (a !== '-trimpath') i++;
        continue;
      }
      if (a.startsWith('-o=')) output = a.slice(3);
      if (a.startsWith('-')) continue;
      pkgs.push(a);
    }
    out.push({ output, pkgs, at: m.index });
  }
  return out;
}

/** A container path made absolute against the WORKDIR in effect (`/` when none). */
export function containerPath(p: string, workdir: string | undefined): string {
  const base = p.startsWith('/') ? p : `${workdir ?? ''}/${p}`;
  const segs: string[] = [];
  for (const s of base.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  return `/${segs.join('/')}`;
}

function yamlLine(text: string, node: Node | undefined): number {
  const r = nodeRange(node);
  return r ? lineOf(text, r[0]) : 1;
}

/** skaffold.yaml: every artifact's image and context, from the build section and from profiles. */
export function extractSkaffold(parsed: ParsedYaml, text: string): FileFacts {
  const builds: NonNullable<FileFacts['builds']> = [];
  const fromBuild = (build: Node | undefined) => {
    for (const a of seqItems(mapGet(build, 'artifacts'))) {
      const image = str(toJS(mapGet(a, 'image')));
      if (!image) continue;
      let context = str(toJS(mapGet(a, 'context'))) ?? '.';
      // Jib builds one module of a multi-module project (`context: ../../..`, `jib: {project: src/ledger/writer}`): the
      // image's code is that module's folder, not the whole context. A `groupId:artifactId` names no folder.
      const project = str(toJS(getPath(a, ['jib', 'project'])));
      if (project && !project.includes(':')) context = joinPath(context, project) || '.';
      const dockerfile = str(toJS(getPath(a, ['docker', 'dockerfile'])));
      builds.push({ image, context, ...(dockerfile ? { dockerfile } : {}), line: yamlLine(text, a) });
    }
  };
  for (const d of parsed.docs) {
    const root = d.contents as Node | null;
    fromBuild(mapGet(root, 'build'));
    for (const p of seqItems(mapGet(root, 'profiles'))) fromBuild(mapGet(p, 'build'));
  }
  return { builds };
}

/** docker-compose.yml / compose.yaml: services with a `build:` context (and the image they tag). */
export function extractCompose(doc: Document.Parsed | undefined, text: string): FileFacts {
  const builds: NonNullable<FileFacts['builds']> = [];
  for (const [service, node, pair] of mapEntries(mapGet(doc?.contents, 'services'))) {
    const build = mapGet(node, 'build');
    const image = str(toJS(mapGet(node, 'image')));
    const b = toJS(build);
    const context = typeof b === 'string' ? b : str((b as Record<string, unknown> | undefined)?.context);
    if (context === undefined) continue;
    const dockerfile = typeof b === 'object' && b ? str((b as Record<string, unknown>).dockerfile) : undefined;
    builds.push({ service, ...(image ? { image } : {}), context, ...(dockerfile ? { dockerfile } : {}), line: yamlLine(text, pair.key as Node) });
  }
  return { builds };
}

/** Flags of `docker build` that take a value as the next word. */
const BUILD_VALUE_FLAGS = new Set([
  '-t',
  '--tag',
  '-f',
  '--file',
  '--build-arg',
  '--platform',
  '--target',
  '--label',
  '--cache-from',
  '--cache-to',
  '--secret',
  '--ssh',
  '--network',
  '--progress',
  '-o',
  '--output',
  '--iidfile',
  '--add-host',
  '--build-context',
  '--metadata-file',
  '--builder',
  '--shm-size',
  '-m',
  '--memory',
  '--ulimit',
  '--allow',
  '--annotation',
  '--attest',
  '--provenance',
  '--sbom',
]);

/**
 * `docker build -t NAME [-f FILE] PATH` lines of a script, Makefile or CI file (continuations joined), and
 * `docker/build-push-action` steps of GitHub workflows.
 */
export function extractBuildScript(text: string, options: { makefile?: boolean } = {}): FileFacts {
  const builds: NonNullable<FileFacts['builds']> = [];
  let goBuilds: FileFacts['goBuilds'];
  let run: string | undefined;
  const lines = text.split(/\r?\n/);
  // The folder a `cd DIR` line moved a shell script or CI step to (`cd quickstarts/app` above `docker build .`). Make runs
  // each recipe line in a shell of its own, so there only a `cd` on the same line counts; a new CI step starts again.
  let cwd = '';
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const first = i;
    if (/^\s*(#|\/\/)/.test(line)) continue; // a commented-out build builds nothing
    while (/\\\s*$/.test(line) && i + 1 < lines.length) line = line.replace(/\\\s*$/, ' ') + lines[++i];
    if (options.makefile || /^\s*-\s+(?:name|uses|run)\s*:|^\s*(?:script|steps|commands)\s*:/.test(line)) cwd = '';
    // A `cd` to a folder the text does not spell (`cd $ROOT`) leaves the folder unknown: paths are then read as written.
    const alone = /^\s*(?:-\s+)?(?:run\s*:\s*)?cd\s+([^\s;&|]+)\s*$/.exec(line)?.[1];
    if (alone && !options.makefile) cwd = /[$`'"~]/.test(alone) ? '' : joinPath(cwd, alone);
    // The program a script starts (a Lambda Web Adapter function's `run.sh`): the last such line, as a Procfile's.
    if (PROGRAM_LAUNCH.test(line)) run = maskSecrets(line.trim().replace(/\s+/g, ' '));
    // `go build -o bin/x ./cmd/x` (a Makefile's rule, a loop over functions): the binary a serverless.yml handler names.
    for (const g of goBuildsIn(line)) {
      if (g.output === null || /^\$\(ARTIFACTS_DIR\)/.test(g.output)) continue;
      // `cd getFolder && go build -o ../bin/get get.go`: paths from the folder the line changed to.
      const cd = joinPath(cwd, cdOnLine(line.slice(0, g.at)) ?? '');
      (goBuilds ??= []).push({ output: g.output, pkgs: g.pkgs.length ? g.pkgs : ['.'], ...(cd ? { dir: cd } : {}), line: first + 1 });
    }
    for (const m of line.matchAll(/\b(?:docker|podman)\s+(?:image\s+)?(?:buildx\s+)?build\b([^;&|\n]*)/g)) {
      const all = shellWords(m[1].replace(/#.*$/, ''));
      // Redirections end the command's arguments; `-` reads the context from stdin (no folder).
      const cut = all.findIndex((x) => /^[<>]|^\d?>/.test(x));
      const words = cut >= 0 ? all.slice(0, cut) : all;
      if (words.includes('-')) continue;
      const tags: string[] = [];
      let dockerfile: string | undefined;
      const positional: string[] = [];
      for (let j = 0; j < words.length; j++) {
        const w = words[j];
        const eq = /^(--?[\w-]+)=(.*)$/.exec(w);
        const flag = eq ? eq[1] : w;
        const value = eq ? eq[2] : BUILD_VALUE_FLAGS.has(w) ? words[++j] : undefined;
        if (flag === '-t' || flag === '--tag') {
          if (value) tags.push(value);
        } else if (flag === '-f' || flag === '--file') dockerfile = value;
        else if (!w.startsWith('-')) positional.push(w);
      }
      const raw = positional[positional.length - 1];
      if (!raw || /^[-"'`]/.test(raw) || raw.includes('://')) continue;
      // From the folder the script moved to: a `cd DIR` line above, or `cd DIR && docker build …` on this one.
      const cd = joinPath(cwd, cdOnLine(line.slice(0, m.index)) ?? '');
      const context = cd && !raw.startsWith('/') && !raw.includes('$') ? joinPath(cd, raw) || '.' : raw;
      for (const image of tags.length ? tags : [undefined])
        builds.push({
          ...(image ? { image } : {}),
          context,
          ...(dockerfile ? { dockerfile: cd && !dockerfile.startsWith('/') && !dockerfile.includes('$') ? joinPath(cd, dockerfile) : dockerfile } : {}),
          line: first + 1,
        });
    }
  }
  // GitHub Actions: `uses: docker/build-push-action@v5` with `context:` and `tags:` under `with:`.
  for (let i = 0; i < lines.length; i++) {
    if (!/uses:\s*docker\/build-push-action@/.test(lines[i])) continue;
    const indent = (/^(\s*)/.exec(lines[i].replace(/-\s/, '  '))?.[1].length ?? 0) - 2;
    let context: string | undefined;
    let dockerfile: string | undefined;
    const tags: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (l.trim() && (/^(\s*)-\s/.exec(l)?.[1].length ?? Infinity) <= indent) break;
      const kv = /^\s*(context|file|tags)\s*:\s*(.*)$/.exec(l);
      if (!kv) continue;
      const v = kv[2].trim().replace(/^["']|["']$/g, '');
      if (kv[1] === 'context') context = v;
      else if (kv[1] === 'file') dockerfile = v;
      else if (v && v !== '|')
        tags.push(
          ...v
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        );
      else for (let k = j + 1; k < lines.length && /^\s+[^\s:]+\s*$/.test(lines[k]); k++) tags.push(lines[k].trim());
    }
    if (context)
      for (const image of tags.length ? tags : [undefined])
        builds.push({ ...(image ? { image } : {}), context, ...(dockerfile ? { dockerfile } : {}), line: i + 1 });
  }
  const makeTargets = samMakeTargets(lines);
  return { builds, ...(goBuilds ? { goBuilds } : {}), ...(run ? { processes: { run } } : {}), ...(makeTargets ? { makeTargets } : {}) };
}

/** The folder the last `cd DIR &&` (or `cd DIR;`) of a shell line changes to, when the text spells it (no `$VAR`, quotes). */
function cdOnLine(line: string): string | undefined {
  const dir = [...line.matchAll(/\bcd\s+([^\s;&|]+)\s*(?:&&|;)/g)].pop()?.[1];
  return dir && !/[$`'"~]/.test(dir) ? dir : undefined;
}

/**
 * What each `build-<LogicalId>` target of a Makefile builds from (see FileFacts.makeTargets): paths only, never a
 * make variable (`$(ARTIFACTS_DIR)` is sam's output folder), in the order the recipe names them.
 */
function samMakeTargets(lines: readonly string[]): Record<string, string[]> | undefined {
  let out: Record<string, string[]> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const target = SAM_MAKE_TARGET.exec(lines[i])?.[1];
    if (!target) continue;
    const paths: string[] = [];
    const add = (raw: string | undefined) => {
      if (!raw || raw.includes('$') || /^[-"'`]/.test(raw) || raw.includes('://')) return;
      const p = raw
        .replace(/\/\*$|\/\.$/, '')
        .replace(/^\.\/+/, '')
        .replace(/\/+$/, '');
      const clean = /\.(?:cs|fs)proj$|\/Cargo\.toml$|\/pom\.xml$/.test(p) ? (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.') : p;
      if (clean && !paths.includes(clean)) paths.push(clean);
    };
    for (let j = i + 1; j < lines.length && (/^\s/.test(lines[j]) || !lines[j].trim()); j++) {
      let line = lines[j];
      while (/\\\s*$/.test(line) && j + 1 < lines.length) line = line.replace(/\\\s*$/, ' ') + lines[++j];
      if (/^\s*#/.test(line)) continue;
      const cd = cdOnLine(line);
      const under = (p: string) => (cd ? joinPath(cd, p) || '.' : p);
      for (const m of line.matchAll(/\bdotnet\s+(?:publish|build)\b([^;&|]*)/g)) add(under(shellWords(m[1]).find((w) => !w.startsWith('-')) ?? '.'));
      for (const g of goBuildsIn(line)) for (const p of g.pkgs.length ? g.pkgs : ['.']) add(under(p));
      for (const m of line.matchAll(/--manifest-path[=\s]+([^\s;&|]+)/g)) add(under(m[1]));
      for (const m of line.matchAll(/\bcp\s+(?:-\w+\s+)*([^\s;&|]+)\s+["']?\$\(ARTIFACTS_DIR\)/g)) add(under(m[1]));
      add(cd);
    }
    if (paths.length) (out ??= {})[target] = paths.map((p) => p.replace(/\/\.$/, '') || '.');
  }
  return out;
}

/**
 * Cargo.toml: the crates it depends on, from `[dependencies]`, `[target.'cfg(…)'.dependencies]` and
 * `[dependencies.NAME]` tables (dev- and build-dependencies are not the program's). Read line by line for the places a
 * finding points at: a key before `=` in a dependency table, or the name in a table header. A renamed dependency
 * (`http2 = { package = "lambda_http" }`) counts under its package.
 */
export function extractCargo(text: string): FileFacts {
  const crates: NonNullable<FileFacts['rustCrates']> = [];
  let inDeps = false;
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const start = offset;
    offset += lines[i].length + 1;
    const header = /^\s*\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      const path = header[1].trim();
      const dotted = /^(?:target\.(?:'[^']*'|"[^"]*"|[\w-]+)\.)?dependencies\.([\w-]+)$/.exec(path);
      inDeps = /^(?:target\.(?:'[^']*'|"[^"]*"|[\w-]+)\.)?dependencies$/.test(path);
      if (dotted) {
        const at = start + line.lastIndexOf(dotted[1]);
        crates.push({ name: dotted[1], line: i + 1, start: at, end: at + dotted[1].length });
      }
      continue;
    }
    if (!inDeps) continue;
    const kv = /^\s*([\w-]+|"[^"]+")\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].replace(/^"|"$/g, '');
    const renamed = /\bpackage\s*=\s*"([^"]+)"/.exec(kv[2])?.[1];
    const at = start + line.indexOf(kv[1]);
    crates.push({ name: renamed ?? key, line: i + 1, start: at, end: at + kv[1].length });
  }
  return { rustCrates: crates };
}

/** go.mod: the `module` line (the import path prefix of the repository's own packages). */
export function extractGoMod(text: string): FileFacts {
  const m = /^\s*module\s+"?([^\s"/][^\s"]*)"?\s*(?:\/\/.*)?$/m.exec(text.slice(0, 65536));
  return m ? { goModule: m[1] } : {};
}

/** Spring Boot's embedded servers, as starters (what `spring-boot-starter-web` brings is tomcat). */
const SERVER_STARTER = 'spring-boot-starter-(?:tomcat|jetty|undertow)';

/**
 * pom.xml or build.gradle(.kts): the embedded server a Spring Boot web app is built without. aws-serverless-java-container's
 * archetypes exclude `spring-boot-starter-tomcat` from the web starter (Lambda needs no server), so the app's own main
 * starts none until it is put back. Maven: an `<exclusion>` of a server starter with no server starter among the
 * dependencies; Gradle: an `exclude … module: '…'` (or `exclude(module = …)`) with no server starter declared.
 */
export function extractJavaBuild(text: string, file: string): FileFacts {
  const t = text.slice(0, 262144);
  if (!/\.gradle(?:\.kts)?$/i.test(file)) {
    const xml = t.replace(/<!--[\s\S]*?-->/g, '');
    const exclusions = [...xml.matchAll(/<exclusion>([\s\S]*?)<\/exclusion>/g)];
    const excluded = exclusions.map((m) => new RegExp(`<artifactId>\\s*(${SERVER_STARTER})\\s*</artifactId>`).exec(m[1])?.[1]).find(Boolean);
    if (!excluded) return {};
    const rest = xml.replace(/<exclusions>[\s\S]*?<\/exclusions>/g, '');
    return new RegExp(`<artifactId>\\s*${SERVER_STARTER}\\s*</artifactId>`).test(rest) ? {} : { excludedServer: excluded };
  }
  const code = t.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const excluded = new RegExp(`\\bexclude\\b[^\\n]*\\bmodule\\s*[:=]\\s*['"](${SERVER_STARTER})['"]`).exec(code)?.[1];
  if (!excluded) return {};
  return new RegExp(`['"]org\\.springframework\\.boot:${SERVER_STARTER}(?::[^'"]*)?['"]`).test(code) ? {} : { excludedServer: excluded };
}

/** A string literal's text as written, quotes off (no escapes in paths worth reading). */
const JS_STRING = /(['"`])([^'"`\\\n]*)\1/g;

/**
 * An esbuild script's bundles (`esbuild.build({ entryPoints: ['./src/x.ts'], outfile: 'out/x/index.js' })`): each
 * call's one entry point and the folder it writes, as written (relative to the folder the script runs from). A call
 * with several entries, entries by name, or a computed path says nothing here.
 */
export function jsBundlesIn(text: string): FileFacts['jsBundles'] {
  if (!/\bentryPoints\b/.test(text) || !/\bout(?:file|dir)\b/.test(text)) return undefined;
  const calls = [...text.matchAll(/\b(?:build|buildSync|context)\s*\(\s*\{/g)].map((m) => m.index!);
  let bundles: NonNullable<FileFacts['jsBundles']> | undefined;
  calls.forEach((start, i) => {
    const body = text.slice(start, calls[i + 1] ?? Math.min(text.length, start + 20000));
    const entries = /\bentryPoints\s*:\s*\[([^\]]*)\]/.exec(body);
    const out = /\b(outfile|outdir)\s*:\s*(['"`])([^'"`$\\\n]+)\2/.exec(body);
    if (!entries || !out) return;
    const paths = [...entries[1].matchAll(JS_STRING)].map((m) => m[2]);
    // Only literals: anything else in the list (a variable, a glob) leaves it unread.
    if (paths.length !== 1 || /[*${}]/.test(paths[0]) || entries[1].replace(JS_STRING, '').replace(/[\s,]/g, '') !== '') return;
    const folder = out[1] === 'outdir' ? out[3] : out[3].includes('/') ? out[3].slice(0, out[3].lastIndexOf('/')) : '.';
    (bundles ??= []).push({ entry: paths[0], outDir: folder.replace(/\/+$/, '') || '.', line: lineOf(text, start) });
  });
  return bundles;
}

/** Procfile: `web: node server.js` lines. */
export function extractProcfile(text: string): FileFacts {
  const processes: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z0-9_-]+)\s*:\s*(.+)$/.exec(line);
    if (m) processes[m[1]] = maskSecrets(m[2].trim());
  }
  return { processes };
}

/** A JSON file's top-level object; undefined when the text is not JSON or not an object (not ours to report). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/** package.json: `main` and the start script. Not valid JSON: no facts (it is not ours to report). */
export function extractPackageJson(text: string): FileFacts {
  const p = jsonObject(text);
  if (!p) return {};
  const scripts = (p.scripts && typeof p.scripts === 'object' ? p.scripts : {}) as Record<string, unknown>;
  const processes: Record<string, string> = {};
  for (const k of ['start', 'serve', 'start:prod']) if (typeof scripts[k] === 'string') processes[k] = maskSecrets(scripts[k] as string);
  const facts: FileFacts = { processes };
  if (typeof p.main === 'string') facts.packageMain = p.main;
  // Subpath imports (`"#helpers/*": "./src/helpers/*.js"`): a target, or the first path of its conditions.
  if (p.imports && typeof p.imports === 'object') {
    const imports: Record<string, string> = {};
    const pick = (v: unknown, depth = 0): string | undefined => {
      if (typeof v === 'string') return v;
      if (!v || typeof v !== 'object' || depth > 4) return undefined;
      const o = v as Record<string, unknown>;
      for (const k of ['node', 'import', 'require', 'default']) {
        const t = pick(o[k], depth + 1);
        if (t) return t;
      }
      return undefined;
    };
    for (const [k, v] of Object.entries(p.imports as Record<string, unknown>)) {
      const t = k.startsWith('#') ? pick(v) : undefined;
      if (t?.startsWith('./')) imports[k] = t;
    }
    if (Object.keys(imports).length) facts.packageImports = imports;
  }
  for (const deps of [p.dependencies, p.devDependencies]) {
    const v = deps && typeof deps === 'object' ? (deps as Record<string, unknown>)['aws-cdk-lib'] : undefined;
    if (typeof v === 'string') {
      facts.awsCdkLib = v;
      break;
    }
  }
  return facts;
}

/** The cdk.json feature flag with which a NodejsFunction that names no runtime deploys on NODEJS_LATEST. */
export const CDK_NODEJS_LATEST_FLAG = '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion';

/** cdk.json: the feature flag that picks a NodejsFunction's default runtime (its context, as the CDK CLI reads it). */
export function extractCdkJson(text: string): FileFacts {
  const json = jsonObject(text);
  if (!json) return {};
  const context = json.context;
  const flag = context && typeof context === 'object' ? (context as Record<string, unknown>)[CDK_NODEJS_LATEST_FLAG] : undefined;
  // The CLI passes context values on as given; the construct tests the flag for truth (`true` or the string "true").
  return { cdkNodejsLatestRuntime: flag === true || flag === 'true' };
}

/** `.proto` files: each `service` with whether any of its RPCs streams. Comments are blanked first (offsets kept). */
export function extractProto(text: string): FileFacts {
  const clean = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
  const grpcServices: NonNullable<FileFacts['grpcServices']> = [];
  const re = /\bservice\s+([A-Za-z_]\w*)\s*\{/g;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < clean.length && depth > 0; i++) {
      if (clean[i] === '{') depth++;
      else if (clean[i] === '}') depth--;
    }
    const body = clean.slice(m.index, i);
    const rpcs = [...body.matchAll(/\brpc\s+\w+\s*\(\s*(stream\s+)?[\w.]+\s*\)\s*returns\s*\(\s*(stream\s+)?[\w.]+\s*\)/g)];
    if (!rpcs.length) continue;
    const start = m.index + m[0].indexOf(m[1]);
    grpcServices.push({ name: m[1], line: lineOf(text, m.index), start, end: start + m[1].length, streaming: rpcs.some((r) => r[1] || r[2]) });
  }
  return { grpcServices };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Image-less workload documents (Kustomize patches), reduced to what a patch changes that matters for a verdict:
 * replicas, container images and resources, volumes.
 */
export function patchOf(root: Node, kind: string, name: string, text: string, offset = 0): WorkloadPatch {
  const spec = mapGet(root, 'spec');
  const podSpec = kind === 'CronJob' ? getPath(spec, ['jobTemplate', 'spec', 'template', 'spec']) : kind === 'Pod' ? spec : getPath(spec, ['template', 'spec']);
  const fieldRanges: Record<string, [number, number]> = {};
  const shift = (r: [number, number] | undefined): [number, number] | undefined => (r ? [r[0] + offset, r[1] + offset] : undefined);
  const containers = seqItems(mapGet(podSpec, 'containers')).map((c, i) => {
    const o = (toJS(c) ?? {}) as Record<string, unknown>;
    const res = o.resources as WorkloadPatch['containers'][number]['resources'];
    const rr = shift(nodeRange(mapGet(c, 'resources')));
    if (rr) fieldRanges[`containers.${i}.resources`] = rr;
    const clean = (x: unknown) => (x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, String(v)])) : undefined);
    return {
      name: String(o.name ?? ''),
      ...(typeof o.image === 'string' ? { image: o.image } : {}),
      ...(res && typeof res === 'object'
        ? { resources: { ...(clean(res.requests) ? { requests: clean(res.requests) } : {}), ...(clean(res.limits) ? { limits: clean(res.limits) } : {}) } }
        : {}),
    };
  });
  const volumes = seqItems(mapGet(podSpec, 'volumes')).map((v, i) => {
    const o = (toJS(v) ?? {}) as Record<string, unknown>;
    const r = shift(nodeRange(v));
    if (r) fieldRanges[`volumes.${i}`] = r;
    return { name: String(o.name ?? ''), type: Object.keys(o).find((k) => k !== 'name') ?? 'unknown' };
  });
  const replicasNode = mapGet(spec, 'replicas');
  const rr = shift(nodeRange(replicasNode));
  if (rr) fieldRanges.replicas = rr;
  const nameRange = shift(nodeRange(getPath(root, ['metadata', 'name'])) ?? nodeRange(root));
  const patch: WorkloadPatch = { kind, name, line: nameRange ? lineOf(text, nameRange[0]) : 1, containers, fieldRanges };
  if (nameRange) fieldRanges.name = nameRange;
  if (toJS(mapGet(root, '$patch')) === 'delete') patch.delete = true;
  const replicas = num(toJS(replicasNode));
  if (replicas !== undefined) patch.replicas = replicas;
  if (volumes.length) patch.volumes = volumes;
  return patch;
}

/** The operations of a JSON 6902 patch document (a YAML or JSON list of `op`/`path`), or undefined if it is not one. */
export function jsonPatchOps(root: Node | null | undefined, at?: [number, number]): JsonPatchOp[] | undefined {
  const items = seqItems(root ?? undefined);
  if (!items.length) return undefined;
  const ops: JsonPatchOp[] = [];
  for (const item of items) {
    const o = (toJS(item) ?? {}) as Record<string, unknown>;
    if (typeof o.op !== 'string' || typeof o.path !== 'string') return undefined;
    ops.push({ op: o.op, path: o.path, ...('value' in o ? { value: o.value } : {}), ...((at ?? nodeRange(item)) ? { range: at ?? nodeRange(item) } : {}) });
  }
  return ops;
}

const POD = String.raw`^/spec(?:/jobTemplate/spec)?/template/spec`;
const OP_RESOURCE = new RegExp(String.raw`${POD}/containers/(\d+)/resources(?:/(limits|requests)(?:/([^/]+))?)?$`);
const OP_IMAGE = new RegExp(String.raw`${POD}/containers/(\d+)/image$`);
const OP_VOLUME = new RegExp(String.raw`${POD}/volumes(?:/(\d+|-))?$`);

/**
 * A JSON 6902 patch as a workload patch: what `add`/`replace` operations set on containers' resources and images (by
 * position), volumes and replicas. Other operations (remove, move, copy, test) and paths change nothing modelled.
 */
export function jsonPatchToWorkloadPatch(target: { kind: string; name: string }, ops: JsonPatchOp[], line: number): WorkloadPatch {
  const patch: WorkloadPatch = { kind: target.kind, name: target.name, line, containers: [], fieldRanges: {} };
  const container = (index: number) => {
    let c = patch.containers.find((x) => x.index === index);
    if (!c) patch.containers.push((c = { name: '', index }));
    return c;
  };
  const text = (v: unknown) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : undefined);
  for (const op of ops) {
    if (op.op !== 'add' && op.op !== 'replace') continue;
    const path = op.path.replace(/~1/g, '/').replace(/~0/g, '~');
    let m: RegExpExecArray | null;
    if ((m = OP_RESOURCE.exec(path))) {
      const c = container(Number(m[1]));
      const [, , which, key] = m;
      const res = (c.resources ??= {});
      if (!which) {
        const v = (op.value ?? {}) as Record<string, unknown>;
        if (text(v.limits)) res.limits = { ...res.limits, ...text(v.limits) };
        if (text(v.requests)) res.requests = { ...res.requests, ...text(v.requests) };
      } else if (!key) {
        if (text(op.value)) res[which as 'limits' | 'requests'] = { ...res[which as 'limits' | 'requests'], ...text(op.value) };
      } else if (op.value !== undefined && op.value !== null)
        res[which as 'limits' | 'requests'] = { ...res[which as 'limits' | 'requests'], [key]: String(op.value) };
      if (op.range) patch.fieldRanges![`containers.${patch.containers.indexOf(c)}.resources`] = op.range;
    } else if ((m = OP_IMAGE.exec(path)) && typeof op.value === 'string') {
      container(Number(m[1])).image = op.value;
    } else if ((m = OP_VOLUME.exec(path))) {
      const list = m[1] === undefined && Array.isArray(op.value) ? op.value : [op.value];
      for (const v of list) {
        if (!v || typeof v !== 'object') continue;
        const o = v as Record<string, unknown>;
        patch.volumes ??= [];
        if (op.range) patch.fieldRanges![`volumes.${patch.volumes.length}`] = op.range;
        patch.volumes.push({ name: String(o.name ?? ''), type: Object.keys(o).find((k) => k !== 'name') ?? 'unknown' });
      }
    } else if (path === '/spec/replicas' && typeof op.value === 'number') {
      patch.replicas = op.value;
      if (op.range) patch.fieldRanges!.replicas = op.range;
    }
  }
  return patch;
}

/** kustomization.yaml (or a Component): resources, components, patches, name and namespace transformers, images. */
export function extractKustomization(parsed: ParsedYaml, text: string, parseInline: (yaml: string) => ParsedYaml): FileFacts {
  const root = parsed.docs[0]?.contents as Node | null;
  const k = (toJS(root) ?? {}) as Record<string, unknown>;
  const patches: string[] = [];
  const inlinePatches: WorkloadPatch[] = [];
  const jsonPatches: NonNullable<NonNullable<FileFacts['kustomization']>['jsonPatches']> = [];
  const targetOf = (item: Node | undefined) => {
    const t = (toJS(mapGet(item, 'target')) ?? {}) as Record<string, unknown>;
    return { ...(typeof t.kind === 'string' ? { kind: t.kind } : {}), ...(typeof t.name === 'string' ? { name: t.name } : {}) };
  };
  /** An inline patch that is a list of operations (JSON 6902), else undefined. */
  const inlineOps = (yamlText: string, node: Node | undefined): JsonPatchOp[] | undefined => {
    const sub = parseInline(yamlText);
    return sub.errors.length ? undefined : jsonPatchOps(sub.docs[0]?.contents as Node | null, nodeRange(node));
  };
  const inline = (yamlText: string, node: Node | undefined) => {
    const sub = parseInline(yamlText);
    if (sub.errors.length) return;
    const at = nodeRange(node);
    for (const d of sub.docs) {
      const r = d.contents as Node | null;
      const kind = str(toJS(mapGet(r, 'kind')));
      const name = str(toJS(getPath(r, ['metadata', 'name'])));
      if (!kind || !name || !r) continue;
      const p = patchOf(r, kind, name, yamlText);
      // Positions inside a block scalar are not offsets of this file: point at the patch entry instead.
      p.line = at ? lineOf(text, at[0]) : 1;
      p.fieldRanges = at ? Object.fromEntries(Object.keys(p.fieldRanges ?? {}).map((f) => [f, at])) : {};
      inlinePatches.push(p);
    }
  };
  for (const item of seqItems(mapGet(root, 'patches'))) {
    const v = toJS(item);
    // A bare path (kustomize reads it as patchesStrategicMerge's entries).
    if (typeof v === 'string') {
      if (!v.includes('\n')) patches.push(v);
      continue;
    }
    const o = (v ?? {}) as Record<string, unknown>;
    // A `patches` entry with a target may hold JSON 6902 operations (a file of them, or inline).
    const target = o.target ? targetOf(item) : undefined;
    if (typeof o.path === 'string') {
      patches.push(o.path);
      if (target) jsonPatches.push({ target, path: o.path });
    } else if (typeof o.patch === 'string') {
      const ops = target ? inlineOps(o.patch, mapGet(item, 'patch')) : undefined;
      if (ops) jsonPatches.push({ target: target!, ops });
      else inline(o.patch, mapGet(item, 'patch'));
    }
  }
  for (const item of seqItems(mapGet(root, 'patchesStrategicMerge'))) {
    const v = toJS(item);
    if (typeof v === 'string' && !v.includes('\n')) patches.push(v);
    else if (typeof v === 'string') inline(v, item);
  }
  for (const item of seqItems(mapGet(root, 'patchesJson6902'))) {
    const o = (toJS(item) ?? {}) as Record<string, unknown>;
    if (typeof o.path === 'string') {
      patches.push(o.path);
      jsonPatches.push({ target: targetOf(item), path: o.path });
    } else if (typeof o.patch === 'string') {
      const ops = inlineOps(o.patch, mapGet(item, 'patch'));
      if (ops) jsonPatches.push({ target: targetOf(item), ops });
    }
  }
  const images = (Array.isArray(k.images) ? k.images : [])
    .filter((i): i is Record<string, unknown> => !!i && typeof i === 'object' && typeof (i as Record<string, unknown>).name === 'string')
    .map((i) => ({
      name: String(i.name),
      ...(typeof i.newName === 'string' ? { newName: i.newName } : {}),
      ...(i.newTag !== undefined ? { newTag: String(i.newTag) } : {}),
    }));
  return {
    kustomization: {
      resources: [...strings(k.resources), ...strings(k.bases)],
      components: strings(k.components),
      patches,
      ...(typeof k.namePrefix === 'string' ? { namePrefix: k.namePrefix } : {}),
      ...(typeof k.nameSuffix === 'string' ? { nameSuffix: k.nameSuffix } : {}),
      ...(typeof k.namespace === 'string' ? { namespace: k.namespace } : {}),
      images,
      inlinePatches,
      ...(jsonPatches.length ? { jsonPatches } : {}),
      line: 1,
    },
  };
}

/** Values files over this size are not kept as facts (they are data, not settings). */
const MAX_VALUES_CHARS = 256 * 1024;

/** Values with every secret-looking entry masked (passwords, tokens, keys): facts are cached and cross threads. */
function maskValues(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return isSecretEntry(key, v) ? MASK : v;
  if (Array.isArray(v)) return v.map((x) => maskValues(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValues(x, k)]));
  return v;
}

/** Helm values.yaml as plain data, for filling `{{ .Values.x }}` in templates at the join. */
export function extractHelmValues(parsed: ParsedYaml, text: string): FileFacts {
  if (text.length > MAX_VALUES_CHARS) return {};
  const v = toJS(parsed.docs[0]?.contents as Node | null);
  return v && typeof v === 'object' && !Array.isArray(v) ? { values: maskValues(v) as Record<string, unknown> } : {};
}

export function extractHelmChart(parsed: ParsedYaml): FileFacts {
  const v = (toJS(parsed.docs[0]?.contents as Node | null) ?? {}) as Record<string, unknown>;
  // The charts it depends on, by name: a library chart's named templates (Bitnami's `common`) render its templates.
  const deps = (Array.isArray(v.dependencies) ? v.dependencies : [])
    .map((d) => (d && typeof d === 'object' ? str((d as Record<string, unknown>).name) : undefined))
    .filter((n): n is string => n !== undefined)
    .slice(0, 50);
  return {
    chart: {
      ...(str(v.name) ? { name: str(v.name) } : {}),
      ...(str(v.appVersion) ? { appVersion: str(v.appVersion) } : {}),
      ...(str(v.version) ? { version: str(v.version) } : {}),
      ...(str(v.type) ? { type: str(v.type) } : {}),
      ...(deps.length ? { dependencies: deps } : {}),
    },
  };
}
