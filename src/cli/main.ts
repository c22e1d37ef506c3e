import { VERSION } from '../core/version';
import { runAssess } from './commands/assess';
import { runConvert } from './commands/convert';
import { terminalSafe } from '../core/report/terminal';
import { didYouMean, shown, UsageError, type CliIO } from './io';

type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Subcommands; each lives in commands/<name>.ts. */
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  assess: { run: runAssess, summary: 'assess code and IaC for a Lambda ⇄ Kubernetes move' },
  convert: { run: runConvert, summary: 'convert a Lambda function to Kubernetes objects, or a workload to a SAM template' },
  // Loaded on use: the AWS SDK is big and `assess` never needs it.
  inventory: {
    run: async (argv, io) => (await import('./commands/inventory')).runInventory(argv, io),
    summary: 'list deployed Lambda functions of a region (read-only AWS calls) and check their configuration',
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `LambdaShift ${VERSION} — assess and convert workloads between AWS Lambda and Kubernetes.

Usage: lambdashift <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run 'lambdashift <command> --help' for a command's options.
  -v, --version  print the version
  -h, --help     show this help
`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    io.stdout(help());
    return cmd ? 0 : 2;
  }
  if (cmd === '-v' || cmd === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[cmd];
  try {
    if (!command)
      throw new UsageError(
        `unknown command ${shown(cmd)}.${didYouMean(cmd, Object.keys(COMMANDS))} Commands: ${Object.keys(COMMANDS).join(', ')}. Run 'lambdashift --help'.`,
      );
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`lambdashift: ${e.message}\n`);
      return 2;
    }
    io.stderr(`lambdashift: fatal: ${terminalSafe((e as Error).message)}\n`);
    return 2;
  }
}
