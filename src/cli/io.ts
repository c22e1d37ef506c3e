import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A user mistake (bad option, missing path): exit 2 with the message. */
export class UsageError extends Error {}

export interface CliIO {
  cwd: string;
  isTTY: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string | undefined>;
}

/** `--rule <id>=<error|warning|info|off>` values (repeatable) → per-rule overrides. */
export function parseRuleOverrides(values: string[] | undefined): Record<string, 'error' | 'warning' | 'info' | 'off'> {
  const rules: Record<string, 'error' | 'warning' | 'info' | 'off'> = {};
  for (const r of values ?? []) {
    const m = /^([\w/-]+)=(error|warning|info|off)$/.exec(r);
    if (!m) throw new UsageError(`--rule '${r}' is not <rule-id>=<error|warning|info|off>.`);
    rules[m[1]] = m[2] as 'error' | 'warning' | 'info' | 'off';
  }
  return rules;
}

/** parseArgs for a subcommand, turning its errors into a usage error that points at the command's --help. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run 'lambdashift ${command} --help' for the options.`);
  }
}
