// Which files' bytes are analysed at all: shared by the CLI (file system) and the editor (workspace.fs), which only
// differ in how a user excludes a file (`hint`).

/** Files larger than this are not analysed: they are generated bundles or data, and parsing them stalls a scan. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A NUL byte near the start marks a binary file. */
const BINARY_PROBE_BYTES = 8192;

/** Why a file of `size` bytes is skipped, or undefined when it is analysed. */
export function sizeProblem(size: number, hint: string): string | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  return `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for analysis. ${hint} if it is generated.`;
}

/** Why these bytes are skipped as binary, or undefined when they look like text. */
function binaryProblem(bytes: Uint8Array, hint: string): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul < 0 || nul >= BINARY_PROBE_BYTES) return undefined;
  return `skipped: binary file (NUL bytes). ${hint} if it should not be scanned.`;
}

/** How many of `bytes` at positions of one parity (0: even, 1: odd) in the probe are NUL, as a fraction. */
function nulShare(bytes: Uint8Array, parity: number, probe: number): number {
  let nul = 0;
  let all = 0;
  for (let i = parity; i < probe; i += 2) {
    all++;
    if (bytes[i] === 0) nul++;
  }
  return all ? nul / all : 0;
}

/**
 * A file's bytes as text: UTF-8 (a BOM dropped, invalid bytes as U+FFFD), or UTF-16 with a byte-order mark (as
 * Windows editors save it) or without one when the NUL bytes say so. Refuses binary files and UTF-32 with a message
 * that says what happened. Positions in the text are UTF-16 offsets either way.
 */
export function decodeText(bytes: Uint8Array, hint: string): { text: string } | { error: string } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    return {
      error: `skipped: UTF-32 text is not supported. Save it as UTF-8 (or UTF-16), or ${hint.charAt(0).toLowerCase()}${hint.slice(1)} if it should not be scanned.`,
    };
  }
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) };
  const probe = Math.min(bytes.length, BINARY_PROBE_BYTES) & ~1;
  if (probe >= 4 && bytes.indexOf(0) >= 0 && bytes.indexOf(0) < BINARY_PROBE_BYTES) {
    // Text in UTF-16 without a BOM has a NUL in nearly every other byte (ASCII's high byte), and few elsewhere.
    const odd = nulShare(bytes, 1, probe);
    const even = nulShare(bytes, 0, probe);
    if (odd > 0.9 && even < 0.05) return { text: new TextDecoder('utf-16le').decode(bytes) };
    if (even > 0.9 && odd < 0.05) return { text: new TextDecoder('utf-16be').decode(bytes) };
  }
  const binary = binaryProblem(bytes, hint);
  if (binary) return { error: binary };
  return { text: new TextDecoder('utf-8').decode(bytes) };
}
