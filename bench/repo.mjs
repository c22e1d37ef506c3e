// `npm run bench -- --repo DIR [--repo DIR2 …]`: the assessment of any folder against its own parse-only floor, per
// language, in one process (the analyser is dist/analyzer.js, as the CLI loads it). The floor is the parse alone with
// the parser LambdaShift uses for that language: typescript-estree for JS/TS (the options of
// src/core/parsers/typescript.ts), web-tree-sitter for Python, Go, Java and C# (the tree freed at once). IaC files
// (YAML, JSON templates, Terraform) have no floor here; their files/s are shown. Times are CPU time of the process
// (user + system), which other tenants of shared cores disturb less than wall time. Each figure is the median of
// BENCH_REPEATS (default 3) rounds after one warm-up round, variants interleaved (each round in another order, after a
// full collection each, untimed). The assessment is also run with the
// pre-filter off, and the joined results of the two must be identical (the run fails otherwise).
// Writes bench/results-repos.md (or BENCH_REPO_OUT) and prints it.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const here = import.meta.dirname;
const repo = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (...a) => console.error('[bench:repo]', ...a);
// A full collection before each timed block, untimed: otherwise whichever block runs into the collection the one
// before it made necessary pays for it.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');

const core = require(path.join(repo, 'dist/analyzer.js'));
const { parse } = require('@typescript-eslint/typescript-estree');
const { Parser, Language } = require('web-tree-sitter');
await Parser.init({ locateFile: () => path.join(repo, 'dist/tree-sitter.wasm') });
const GRAMMAR = { python: 'python', go: 'go', java: 'java', csharp: 'c-sharp' };
const parsers = {};
for (const [lang, g] of Object.entries(GRAMMAR)) {
  const p = new Parser();
  p.setLanguage(await Language.load(path.join(repo, `dist/tree-sitter-${g}.wasm`)));
  parsers[lang] = p;
  await core.ensureParser(lang);
}

// The files the CLI reads: its own walk (ignore files and default ignores, vendored package folders and project
// templates skipped as wholes, src/node/files.ts), files over 1 MiB left out as before.
const { walkFiles } = require(path.join(repo, 'dist/scanner.js'));
const listRepoFiles = async (root) => (await walkFiles(root)).files.map((f) => f.abs).filter((abs) => statSync(abs).size < 2 ** 20);

const group = (kind) => (kind === 'javascript' || kind === 'typescript' ? 'js/ts' : GRAMMAR[kind] ? kind : 'iac');

function floorOf(lang, f) {
  if (lang === 'js/ts') {
    const lower = f.file.toLowerCase();
    const isTs = /\.(?:[cm]?ts|tsx)$/.test(lower);
    const jsx = lower.endsWith('.tsx') || lower.endsWith('.jsx') || (!isTs && /<[A-Za-z>]/.test(f.text));
    try {
      parse(f.text, {
        range: true,
        loc: true,
        comment: false,
        jsx,
        filePath: f.file,
        errorOnTypeScriptSyntacticAndSemanticIssues: false,
        suppressDeprecatedPropertyWarnings: true,
        jsDocParsingMode: 'none',
      });
    } catch {
      // a syntax error is a parse too
    }
  } else parsers[lang].parse(f.text)?.delete();
}

/** CPU time of this process (user + system): on shared cores, other tenants disturb it far less than wall time. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const stable = (r) => JSON.stringify({ ...r, stats: { ...r.stats, ms: 0 } });

async function measure(dir) {
  const root = path.resolve(dir);
  const files = [];
  for (const abs of await listRepoFiles(root)) {
    const file = path.relative(root, abs).split(path.sep).join('/');
    const text = readFileSync(abs, 'utf8');
    const kind = core.detectKind(file, text);
    if (kind !== 'unknown') files.push({ file, text, kind, lang: group(kind) });
  }
  const langs = [...new Set(files.map((f) => f.lang))].sort();
  const t = Object.fromEntries(langs.map((l) => [l, { floor: [], on: [], off: [] }]));
  let identical = true;
  let findings = 0;
  let units = 0;
  for (let k = 0; k < repeats + 1; k++) {
    const on = [];
    const off = [];
    for (const lang of langs) {
      const mine = files.filter((f) => f.lang === lang);
      // Only the warm-up round keeps the analyses (to compare the two variants): kept in the measured rounds, they
      // grew the heap through the round, and whichever variant ran into the next full collection paid for it
      // (serverless-patterns' JS/TS once measured 1.69x with the pre-filter and 1.13x without it, the reverse of an
      // in-process timing of the same files).
      const keep = k === 0;
      const variants = {
        floor: () => {
          if (lang !== 'iac') for (const f of mine) floorOf(lang, f);
        },
        on: () => {
          for (const f of mine) {
            const r = core.analyzeFile(f.text, f.file, {}, f.kind);
            if (keep) on.push(r);
          }
        },
        off: () => {
          for (const f of mine) {
            const r = core.analyzeFile(f.text, f.file, { prefilter: false }, f.kind);
            if (keep) off.push(r);
          }
        },
      };
      // Each round starts the three at another place, so none always runs first or after the same one.
      const order = ['floor', 'on', 'off'];
      const spent = {};
      for (let v = 0; v < 3; v++) {
        const name = order[(k + v) % 3];
        collect({ type: 'minor' });
        const t0 = cpuMs();
        variants[name]();
        spent[name] = cpuMs() - t0;
      }
      if (k === 0) continue;
      t[lang].floor.push(spent.floor);
      t[lang].on.push(spent.on);
      t[lang].off.push(spent.off);
    }
    if (k === 0) {
      const a = core.joinAnalyses({ analyses: on });
      identical = stable(a) === stable(core.joinAnalyses({ analyses: off }));
      findings = a.findings.length;
      units = a.units.length;
    }
  }
  if (!identical) throw new Error(`${dir}: the assessment differs with the pre-filter off`);
  const rows = langs.map((lang) => {
    const mine = files.filter((f) => f.lang === lang);
    const m = { floor: median(t[lang].floor), on: median(t[lang].on), off: median(t[lang].off) };
    return { lang, files: mine.length, kb: mine.reduce((s, f) => s + f.text.length, 0) / 1024, ...m };
  });
  log(`${dir}: ${files.length} files, ${findings} findings, ${units} units, identical: ${identical}`);
  return { dir, name: path.basename(root), files: files.length, findings, units, identical, rows };
}

const dirs = [];
for (let i = 2; i < process.argv.length; i++) if (process.argv[i] === '--repo') dirs.push(process.argv[++i]);
if (!dirs.length) throw new Error('usage: node bench/repo.mjs --repo DIR [--repo DIR …]');
const load = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
const results = [];
for (const d of dirs) results.push(await measure(d));
const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const lines = ['## Real code: each language against its own parse-only floor', ''];
lines.push(`Generated by \`npm run bench -- --repo DIR\` (bench/repo.mjs) on ${new Date().toISOString().slice(0, 10)}: one process, one thread, medians of`);
lines.push(
  `${repeats} rounds after a warm-up, variants interleaved (each round in another order, each after a full collection, untimed); times are CPU time of the process (user + system), steadier than wall`,
);
lines.push(`time on shared cores. Load average at start: ${load} (${os.availableParallelism()} cores, Node ${process.version}).`);
lines.push('"Assess" is `analyzeFile` on every file of the language (parse, rules, units) with the pre-filter; "without" is the same');
lines.push('with the pre-filter off. The joined results of the two were compared and are identical for every folder below.', '');
lines.push('| Folder | Language | Files | KiB | Parse-only floor | Assess | Ratio to floor | Without pre-filter | Ratio | Files per CPU second |');
lines.push('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  for (const x of r.rows) {
    const ratio = (v) => (x.lang === 'iac' || !x.floor ? '—' : `${(v / x.floor).toFixed(2)}×`);
    lines.push(
      `| ${r.name} (${r.findings} findings, ${r.units} units) | ${x.lang} | ${x.files} | ${x.kb.toFixed(0)} | ${x.lang === 'iac' ? '—' : fmt(x.floor)} | ${fmt(x.on)} | ${ratio(x.on)} | ${fmt(x.off)} | ${ratio(x.off)} | ${((x.files / x.on) * 1000).toFixed(0)} |`,
    );
  }
}
lines.push('');
const text = lines.join('\n');
writeFileSync(process.env.BENCH_REPO_OUT ?? path.join(here, 'results-repos.md'), text);
process.stdout.write(text);
