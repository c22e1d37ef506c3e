// Small text helpers shared by every surface that prints: the CLI, the editor's messages and the report formats.

/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that reorder how a line is shown, written as
 * visible escapes: names and messages come from the scanned repository, and an ESC or OSC sequence in a file or unit
 * name must not drive the terminal, nor a newline forge an extra line of output.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `1 finding`, `2 findings`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
