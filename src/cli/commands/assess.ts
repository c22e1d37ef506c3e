import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatJson } from '../../core/report/json';
import { formatSarif } from '../../core/report/sarif';
import { formatText } from '../../core/report/text';
import type { AssessResult, Severity } from '../../core/types';
import { scanPaths } from '../scan';
import { UsageError, type CliIO } from '../io';

export const ASSESS_HELP = `Usage: lambdashift assess [paths...] [options]

Assess code and IaC for a move between AWS Lambda and Kubernetes.

Options:
  -f, --format <text|json|sarif>   output format (default: text)
  -o, --output <file>              write the report to a file instead of stdout
      --fail-on <error|warning|never>
                                   exit 1 when a finding at or above this severity exists (default: error)
      --exclude <glob>             skip matching paths (repeatable; .gitignore syntax)
      --rule <id=severity|off>     override a rule's severity (repeatable)
  -h, --help                       show this help

Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or fatal error.`;

export const FORMATS: Record<string, (r: AssessResult, color: boolean) => string> = {
  text: (r, color) => formatText(r, { color }),
  json: (r) => formatJson(r),
  sarif: (r) => formatSarif(r),
};

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export async function runAssess(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        exclude: { type: 'string', multiple: true },
        rule: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run 'lambdashift assess --help' for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${ASSESS_HELP}\n`);
    return 0;
  }
  const format = values.format!;
  if (!FORMATS[format]) throw new UsageError(`unknown --format '${format}'. Use one of: ${Object.keys(FORMATS).join(', ')}.`);
  const failOn = values['fail-on']!;
  if (!['error', 'warning', 'never'].includes(failOn)) throw new UsageError(`unknown --fail-on '${failOn}'. Use error, warning or never.`);
  const rules: Record<string, Severity | 'off'> = {};
  for (const r of values.rule ?? []) {
    const m = /^([\w/-]+)=(error|warning|info|off)$/.exec(r);
    if (!m) throw new UsageError(`--rule '${r}' is not <rule-id>=<error|warning|info|off>.`);
    rules[m[1]] = m[2] as Severity | 'off';
  }
  for (const p of positionals) {
    try {
      await fs.stat(path.resolve(io.cwd, p));
    } catch {
      throw new UsageError(`path '${p}' does not exist. Pass folders or files to assess.`);
    }
  }
  const result = await scanPaths(io.cwd, positionals, { exclude: values.exclude, rules });
  const output = FORMATS[format](result, !values.output && io.isTTY);
  if (values.output) {
    await fs.writeFile(path.resolve(io.cwd, values.output), output);
    io.stderr(`Wrote ${format} report to ${values.output} (${result.findings.length} findings, ${result.units.length} units).\n`);
  } else {
    io.stdout(output);
  }
  if (failOn === 'never') return 0;
  const threshold = RANK[failOn as Severity];
  return result.findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
}
