// `npm run bench:langs`: Go, Java and C# (and Python for reference) analysis time against each language's own
// tree-sitter parse-only floor, on seeded synthetic files, in one process (the analyser is dist/analyzer.js, as the
// CLI runs it). Writes bench/results-langs.md. Ratios are the figures; absolute times are context.
// Env: BENCH_LANG_FILES (files per language, default 300), BENCH_REPEATS (default 5), BENCH_LANGS (default all).
// Options: `--repo DIR` (repeatable) adds a table for the Python, Go, Java and C# files of real folders; `--baseline
// DIST` measures another build's dist/analyzer.js (e.g. the main branch's) on the same files, floor included, in a
// child process of its own (two analysers in one process disturb each other's collector: one measured 10× slower).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { rng } from './generate.mjs';
import { listFiles } from './lib/files.mjs';

const here = import.meta.dirname;
const repo = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const count = Number(process.env.BENCH_LANG_FILES ?? 300);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const NOUNS = ['order', 'invoice', 'customer', 'payment', 'shipment', 'stock', 'report', 'session'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** One file of `lines` lines or so in the language, mostly ordinary code with a few constructs the rules look at. */
const GENERATORS = {
  go(r, i, lines) {
    const out = ['package main', '', 'import (', '\t"context"', '\t"encoding/json"', '\t"net/http"', '\t"os"', '\t"sync"', '\t"time"', ')', ''];
    out.push(`var mu${i} sync.Mutex`, `var lookup${i} = map[string]int{"a": 1, "b": 2}`, '');
    for (let k = 0; out.length < lines; k++) {
      const n = r.pick(NOUNS);
      out.push(`type ${cap(n)}${k} struct {`, `\tID    string \`json:"id"\``, `\tTotal float64 \`json:"total"\``, `\tItems []string`, '}', '');
      out.push(
        `func handle${cap(n)}${k}(w http.ResponseWriter, r *http.Request) {`,
        `\tvar in ${cap(n)}${k}`,
        '\tif err := json.NewDecoder(r.Body).Decode(&in); err != nil {',
        '\t\thttp.Error(w, err.Error(), 400)',
        '\t\treturn',
        '\t}',
      );
      for (let j = 0; j < r.int(2, 8); j++)
        out.push(
          `\tfor idx, it := range in.Items {`,
          `\t\tif it == "" || idx > ${j + 10} {`,
          '\t\t\tcontinue',
          '\t\t}',
          `\t\tin.Total += float64(len(it) * ${j + 1})`,
          '\t}',
        );
      if (r.chance(0.2)) out.push('\tctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)', '\tdefer cancel()', '\t_ = ctx');
      if (r.chance(0.1)) out.push('\tos.WriteFile("/tmp/out.json", []byte(in.ID), 0o600)');
      out.push(`\tmu${i}.Lock()`, `\tlookup${i}[in.ID] = len(in.Items)`, `\tmu${i}.Unlock()`, '\tjson.NewEncoder(w).Encode(in)', '}', '');
    }
    return out.join('\n');
  },
  java(r, i, lines) {
    const out = [
      `package com.acme.bench.p${i % 20};`,
      '',
      'import java.util.*;',
      'import java.util.concurrent.*;',
      'import java.nio.file.*;',
      '',
      `public class Service${i} {`,
      `    private static final Map<String, Integer> LOOKUP = new HashMap<>();`,
      `    private final ExecutorService pool = Executors.newFixedThreadPool(2);`,
      '',
    ];
    for (let k = 0; out.length < lines; k++) {
      const n = r.pick(NOUNS);
      out.push(`    public record ${cap(n)}${k}(String id, double total, List<String> items) {}`, '');
      out.push(`    public double handle${cap(n)}${k}(${cap(n)}${k} in, Map<String, Object> opts) {`, '        double total = 0;');
      for (let j = 0; j < r.int(2, 8); j++)
        out.push(
          `        for (int idx = 0; idx < in.items().size(); idx++) {`,
          `            String it = in.items().get(idx);`,
          `            if (it == null || idx > ${j + 10}) continue;`,
          `            total += it.length() * ${j + 1};`,
          '        }',
        );
      if (r.chance(0.2))
        out.push(
          `        Future<Double> f = pool.submit(() -> in.total() * 2);`,
          '        try { total += f.get(); } catch (Exception e) { throw new RuntimeException(e); }',
        );
      if (r.chance(0.1))
        out.push('        try { Files.writeString(Paths.get("/tmp/out.json"), in.id()); } catch (Exception e) { throw new RuntimeException(e); }');
      out.push(`        LOOKUP.merge(in.id(), 1, Integer::sum);`, '        return total;', '    }', '');
    }
    out.push('}');
    return out.join('\n');
  },
  csharp(r, i, lines) {
    const out = [
      'using System;',
      'using System.Collections.Generic;',
      'using System.IO;',
      'using System.Threading.Tasks;',
      '',
      `namespace Acme.Bench.P${i % 20};`,
      '',
      `public class Service${i}`,
      '{',
      '    private static readonly Dictionary<string, int> Lookup = new();',
      '',
    ];
    for (let k = 0; out.length < lines; k++) {
      const n = r.pick(NOUNS);
      out.push(`    public record ${cap(n)}${k}(string Id, double Total, List<string> Items);`, '');
      out.push(`    public async Task<double> Handle${cap(n)}${k}(${cap(n)}${k} input)`, '    {', '        double total = 0;');
      for (let j = 0; j < r.int(2, 8); j++)
        out.push(
          `        for (var idx = 0; idx < input.Items.Count; idx++)`,
          '        {',
          '            var it = input.Items[idx];',
          `            if (string.IsNullOrEmpty(it) || idx > ${j + 10}) continue;`,
          `            total += it.Length * ${j + 1};`,
          '        }',
        );
      if (r.chance(0.2)) out.push('        total += await Task.Run(() => input.Total * 2);');
      if (r.chance(0.1)) out.push('        File.WriteAllText(Path.Combine(Path.GetTempPath(), "out.json"), input.Id);');
      out.push('        Lookup[input.Id] = input.Items.Count;', '        return total;', '    }', '');
    }
    out.push('}');
    return out.join('\n');
  },
  python(r, i, lines) {
    const out = ['import json', 'import os', 'from concurrent.futures import ThreadPoolExecutor', '', `LOOKUP_${i} = {}`, ''];
    for (let k = 0; out.length < lines; k++) {
      const n = r.pick(NOUNS);
      out.push(`def handle_${n}_${k}(event, opts=None):`, '    total = 0', "    items = event.get('items', [])");
      for (let j = 0; j < r.int(2, 8); j++)
        out.push(
          '    for idx, it in enumerate(items):',
          `        if not it or idx > ${j + 10}:`,
          '            continue',
          `        total += len(it) * ${j + 1}`,
        );
      if (r.chance(0.1)) out.push("    with open('/tmp/out.json', 'w') as f:", '        json.dump(event, f)');
      out.push(`    LOOKUP_${i}[event['id']] = len(items)`, '    return total', '');
    }
    return out.join('\n');
  },
};
const EXT = { go: 'go', java: 'java', csharp: 'cs', python: 'py' };
const GRAMMAR = { go: 'go', java: 'java', csharp: 'c-sharp', python: 'python' };

const args = process.argv.slice(2);
const optionValues = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [path.resolve(args[i + 1])] : []));
const repos = optionValues('--repo');
const baselineDir = optionValues('--baseline')[0];
// Internal: the child measuring a baseline loads that analyser and writes its rows as JSON.
const analyzerDir = optionValues('--analyzer')[0] ?? path.join(repo, 'dist');
const jsonOut = optionValues('--json')[0];

const core = require(path.join(analyzerDir, 'analyzer.js'));
const loadAvg = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
const { Parser, Language } = require('web-tree-sitter');
await Parser.init({ locateFile: () => path.join(repo, 'dist/tree-sitter.wasm') });

const rows = [];
const only = process.env.BENCH_LANGS?.split(',');
/**
 * `repeats` rounds after a warm-up round (it warms the JIT and the wasm instances and is not counted): the parse-only
 * floor, the full analysis and, given `off`, the analysis with those options, each pushed onto `into`'s lists (ms).
 * Returns the findings of the full analysis.
 */
function timeRounds(parser, files, into, off) {
  let findings = 0;
  for (let k = 0; k < repeats + 1; k++) {
    let t0 = performance.now();
    for (const f of files) parser.parse(f.text)?.delete();
    const fl = performance.now() - t0;
    t0 = performance.now();
    let n = 0;
    for (const f of files) n += core.analyzeFile(f.text, f.name).findings.length;
    const an = performance.now() - t0;
    t0 = performance.now();
    if (off) for (const f of files) core.analyzeFile(f.text, f.name, off);
    const br = performance.now() - t0;
    if (k === 0) continue;
    into.floor.push(fl);
    into.full.push(an);
    into.bare?.push(br);
    findings = n;
  }
  return findings;
}

for (const lang of Object.keys(GENERATORS).filter((l) => !only || only.includes(l))) {
  const r = rng(15 + lang.length);
  const files = Array.from({ length: count }, (_, i) => {
    const u = r.next();
    const lines = u < 0.8 ? r.int(100, 250) : u < 0.97 ? r.int(250, 1000) : r.int(1000, 3000);
    return { name: `svc${i % 25}/file${i}.${EXT[lang]}`, text: GENERATORS[lang](r, i, lines) };
  });
  const bytes = files.reduce((s, f) => s + f.text.length, 0);
  const parser = new Parser();
  parser.setLanguage(await Language.load(path.join(repo, `dist/tree-sitter-${GRAMMAR[lang]}.wasm`)));
  await core.ensureParser(lang);
  const floor = [];
  const full = [];
  const bare = [];
  // Every rule off: what the parse's copy into plain nodes and the language module cost on their own.
  const off = { rules: Object.fromEntries(core.allRuleMetas.map((m) => [m.id, 'off'])) };
  const findings = timeRounds(parser, files, { floor, full, bare }, off);
  rows.push({ lang, files: files.length, mb: bytes / 2 ** 20, floor: median(floor), bare: median(bare), full: median(full), findings });
  console.error(
    `[bench:langs] ${lang}: floor ${median(floor).toFixed(0)} ms, analysis ${median(full).toFixed(0)} ms (${(median(full) / median(floor)).toFixed(2)}×), ${findings} findings`,
  );
}

// Real folders: every Python, Go, Java and C# file (tests, vendored code and all, as a scan reads them).
const EXT_LANG = { '.py': 'python', '.go': 'go', '.java': 'java', '.cs': 'csharp' };
const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'bin', 'obj', 'target', '.venv', 'venv']);
const listLangFiles = (root) =>
  listFiles(root, { skip: SKIP_DIRS, accept: (name, abs) => EXT_LANG[path.extname(name)] !== undefined && statSync(abs).size < 2 ** 20 });
const realRows = [];
for (const dir of repos) {
  const byLang = {};
  for (const abs of listLangFiles(dir)) {
    const lang = EXT_LANG[path.extname(abs)];
    (byLang[lang] ??= []).push({ name: path.relative(dir, abs).split(path.sep).join('/'), text: readFileSync(abs, 'utf8') });
  }
  for (const [lang, files] of Object.entries(byLang).sort()) {
    const parser = new Parser();
    parser.setLanguage(await Language.load(path.join(repo, `dist/tree-sitter-${GRAMMAR[lang]}.wasm`)));
    await core.ensureParser(lang);
    const floor = [];
    const full = [];
    const findings = timeRounds(parser, files, { floor, full });
    const kib = files.reduce((a, f) => a + f.text.length, 0) / 1024;
    realRows.push({ folder: path.basename(dir), lang, files: files.length, kib, floor: median(floor), full: median(full), findings });
    console.error(
      `[bench:langs] ${path.basename(dir)} ${lang}: floor ${median(floor).toFixed(0)} ms, analysis ${median(full).toFixed(0)} ms (${(median(full) / median(floor)).toFixed(2)}×)`,
    );
  }
}
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ rows, realRows }));
  process.exit(0);
}
let baseline;
if (baselineDir) {
  const out = path.join(os.tmpdir(), `lambdashift-bench-langs-${process.pid}.json`);
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--analyzer', baselineDir, '--json', out, ...repos.flatMap((r) => ['--repo', r])],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`the baseline run failed (${child.status})`);
  baseline = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  const key = (x) => `${x.folder ?? ''}\u0000${x.lang}`;
  const ratios = new Map([...baseline.rows, ...baseline.realRows].map((x) => [key(x), x.full / x.floor]));
  for (const x of [...rows, ...realRows]) x.before = ratios.get(key(x));
}
const beforeCell = (x) => (baseline ? ` ${x.before === undefined ? '—' : `${x.before.toFixed(2)}×`} |` : '');

const lines = [
  '# Go, Java and C# analysis against their parse-only floor',
  '',
  `Generated by \`npm run bench:langs\` (bench/langs.mjs): ${count} seeded synthetic files per language (100–3,000 lines, the`,
  'shape of bench/generate.mjs), one process, one thread, the analyser as the CLI loads it (dist/analyzer.js). The floor',
  "is web-tree-sitter's parse of every file with the language's grammar (the tree freed at once); the analysis is",
  '`analyzeFile`: the same parse, the copy into plain nodes, the language module (imports, types) and every rule.',
  `Medians of ${repeats} runs after one warm-up run, measured in the same process, so the ratio is the figure.`,
  '',
  'The middle column is the analysis with every rule off: the parse, its copy into plain nodes and the language',
  "module; the rest of the full analysis is the rules'.",
  '',
  ...(baseline
    ? [
        `"Baseline" is the ratio of another build's analyser (${baselineDir}) to the floor, measured the same way on the same files right after, in a process of its own.`,
        '',
      ]
    : []),
  `| Language | Files | MB | Parse-only floor | Rules off | Full analysis | Ratio to the floor |${baseline ? ' Baseline |' : ''} Findings |`,
  `|---|---|---|---|---|---|---|${baseline ? '---|' : ''}---|`,
  ...rows.map(
    (x) =>
      `| ${x.lang} | ${x.files} | ${x.mb.toFixed(1)} | ${x.floor.toFixed(0)} ms | ${x.bare.toFixed(0)} ms (${(x.bare / x.floor).toFixed(2)}×) | ${x.full.toFixed(0)} ms | ${(x.full / x.floor).toFixed(2)}× |${beforeCell(x)} ${x.findings} |`,
  ),
  ...(realRows.length
    ? [
        '',
        '## Real code',
        '',
        'Every Python, Go, Java and C# file of each folder (`--repo`), the same measurement: floor, `analyzeFile`, medians.',
        '',
        `| Folder | Language | Files | KiB | Parse-only floor | Full analysis | Ratio to the floor |${baseline ? ' Baseline |' : ''} Findings |`,
        `|---|---|---|---|---|---|---|${baseline ? '---|' : ''}---|`,
        ...realRows.map(
          (x) =>
            `| ${x.folder} | ${x.lang} | ${x.files} | ${x.kib.toFixed(0)} | ${x.floor.toFixed(0)} ms | ${x.full.toFixed(0)} ms | ${(x.full / x.floor).toFixed(2)}× |${beforeCell(x)} ${x.findings} |`,
        ),
      ]
    : []),
  '',
  `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${os.cpus().length} cores; load average at start ${loadAvg}.`,
  '',
];
writeFileSync(path.join(here, 'results-langs.md'), lines.join('\n'));
console.error('[bench:langs] wrote bench/results-langs.md');
