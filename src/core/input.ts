// Which files' bytes are analysed at all: shared by the CLI (file system) and the editor (workspace.fs), which only
// differ in how a user excludes a file (`hint`).

/** Files larger than this are not analysed: they are generated bundles or data, and parsing them stalls a scan. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A NUL byte near the start marks a binary file. */
const BINARY_PROBE_BYTES = 8192;

/** Why a file of `size` bytes is skipped, or undefined when it is analysed. */
export function sizeProblem(size: number, hint: string): string | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  return `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for analysis. ${hint} if it is generated.`;
}

/** Why these bytes are skipped as binary, or undefined when they look like text. */
export function binaryProblem(bytes: Uint8Array, hint: string): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul < 0 || nul >= BINARY_PROBE_BYTES) return undefined;
  return `skipped: binary file (NUL bytes). ${hint} if it should not be scanned.`;
}
