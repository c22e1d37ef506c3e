// Progress of long runs (a fleet of repositories, AWS and Prometheus calls) on stderr, drawn only when stderr is a
// terminal: one line rewritten in place, and a permanent line per finished step. Pipes and files get nothing.
import { terminalSafe } from '../core/report/terminal';
import type { CliIO } from './io';

export interface Progress {
  /** Rewrites the live line (at most every 100 ms). */
  update(text: string): void;
  /** Clears the live line and prints a permanent one. */
  log(text: string): void;
  /** Clears the live line. */
  done(): void;
}

const SILENT: Progress = { update() {}, log() {}, done() {} };

export function progressFor(io: CliIO, now: () => number = Date.now): Progress {
  if (!io.stderrIsTTY) return SILENT;
  const width = Math.max(20, (io.columns ?? 80) - 1);
  let shown = false;
  let last = 0;
  const clear = () => {
    if (shown) io.stderr('\r\u001b[2K');
    shown = false;
  };
  return {
    update(text) {
      const t = now();
      if (shown && t - last < 100) return;
      last = t;
      const line = terminalSafe(text);
      io.stderr(`\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    log(text) {
      clear();
      io.stderr(`${terminalSafe(text)}\n`);
    },
    done: clear,
  };
}
