import { main } from './main';

main(process.argv.slice(2), {
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  stderrIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS) || undefined,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lambdashift: fatal: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
