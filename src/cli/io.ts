/** A user mistake (bad option, missing path): exit 2 with the message. */
export class UsageError extends Error {}

export interface CliIO {
  cwd: string;
  isTTY: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string | undefined>;
}
