import { closest, distance } from 'fastest-levenshtein';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { terminalSafe } from '../core/report/terminal';
import { parseOptions, type CommandSpec, type OptionValues } from './commands/specs';

/** A user mistake (bad option, missing path): exit 2 with the message. */
export class UsageError extends Error {}

export interface CliIO {
  cwd: string;
  isTTY: boolean;
  /** stderr is a terminal: progress of long runs is drawn there. */
  stderrIsTTY?: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string | undefined>;
}

/** ` Did you mean 'x'?` when one known word is close enough to `input` to be a typo of it, else ''. */
export function didYouMean(input: string, known: readonly string[], quote = (s: string) => `'${s}'`): string {
  if (!known.length) return '';
  const best = closest(input, known as string[]);
  // A third of the word may be wrong (at least 2 edits), so `--formt` and `handler/listen-server` find their match.
  return distance(input, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` Did you mean ${quote(best)}?` : '';
}

/** `name` as it can be shown inside a message: quoted, with control characters made visible. */
export function shown(name: string): string {
  return `'${terminalSafe(name)}'`;
}

export type RuleLevel = 'error' | 'warning' | 'info' | 'off';

/**
 * `--rule <id>=<error|warning|info|off>` values (repeatable) → per-rule overrides. `known` lists the rule ids there
 * are (loaded only when --rule is given); an id not among them is a usage error, with the nearest id as a suggestion.
 */
export function parseRuleOverrides(values: string[] | undefined, known: () => readonly string[]): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  if (!values?.length) return rules;
  const ids = known();
  for (const r of values) {
    const m = /^([\w/-]+)=(error|warning|info|off)$/.exec(r);
    if (!m) throw new UsageError(`--rule ${shown(r)} is not <rule-id>=<error|warning|info|off>, e.g. --rule handler/background-work=off.`);
    if (!ids.includes(m[1])) throw new UsageError(`--rule: there is no rule ${shown(m[1])}.${didYouMean(m[1], ids)} The rules are listed in docs/rules/.`);
    rules[m[1]] = m[2] as RuleLevel;
  }
  return rules;
}

/** The long option names of a parseArgs config, as typed: `--format`. */
function optionNames(config: ParseArgsConfig): string[] {
  return Object.keys(config.options ?? {}).map((n) => `--${n}`);
}

/** parseArgs for a subcommand, turning its errors into a usage error that points at the command's --help. */
function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // Node's message quotes the option unevenly ("Unknown option '--x'. To specify a positional argument starting
      // with a '-', place it at the end of the command after '--', as in '-- \"--x\"") — say it plainly instead.
      const option = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
      const name = option.replace(/=.*$/, '');
      throw new UsageError(`unknown option ${shown(name)}.${didYouMean(name, optionNames(config))} Run 'lambdashift ${command} --help' for the options.`);
    }
    throw new UsageError(`${terminalSafe(err.message.replace(/\.$/, ''))}. Run 'lambdashift ${command} --help' for the options.`);
  }
}

/** Parses a command's arguments by its option table (commands/specs.ts). */
export function parseCommand<S extends CommandSpec>(spec: S, args: string[]): { values: OptionValues<S>; positionals: string[] } {
  const { values, positionals } = parseCommandArgs(spec.name, { args, allowPositionals: spec.allowPositionals, options: parseOptions(spec) });
  return { values: values as OptionValues<S>, positionals };
}
