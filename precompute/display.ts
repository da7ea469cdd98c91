/**
 * Progress output: a live bar per running experiment on a terminal; plain, throttled log
 * lines otherwise (CI logs stay readable and short).
 */

export interface Display {
  start(id: string): void;
  progress(id: string, fraction: number, status?: string): void;
  log(id: string, message: string): void;
  finish(id: string, message: string): void;
  close(): void;
}

const BAR = 24;

function bar(fraction: number): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * BAR);
  return `[${'#'.repeat(full)}${'.'.repeat(BAR - full)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

export function createDisplay(stream: NodeJS.WriteStream = process.stdout): Display {
  return stream.isTTY ? ttyDisplay(stream) : plainDisplay(stream);
}

function ttyDisplay(stream: NodeJS.WriteStream): Display {
  const rows = new Map<string, { fraction: number; status: string; started: number }>();
  let drawn = 0;
  const width = () => stream.columns ?? 100;
  const clear = () => {
    for (let i = 0; i < drawn; i++) stream.write('\x1b[1A\x1b[2K');
    drawn = 0;
  };
  const draw = () => {
    for (const [id, r] of rows) {
      const secs = ((Date.now() - r.started) / 1000).toFixed(0);
      stream.write(`${`${id.padEnd(20)} ${bar(r.fraction)} ${secs}s ${r.status}`.slice(0, width() - 1)}\n`);
    }
    drawn = rows.size;
  };
  let last = 0;
  const redraw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    clear();
    draw();
  };
  const above = (line: string) => {
    clear();
    stream.write(`${line}\n`);
    draw();
  };
  return {
    start: (id) => {
      rows.set(id, { fraction: 0, status: 'starting', started: Date.now() });
      redraw(true);
    },
    progress: (id, fraction, status) => {
      const r = rows.get(id);
      if (!r) return;
      r.fraction = fraction;
      if (status !== undefined) r.status = status;
      redraw();
    },
    log: (id, message) => above(`  ${id}: ${message}`),
    finish: (id, message) => {
      rows.delete(id);
      above(message);
    },
    close: () => redraw(true),
  };
}

function plainDisplay(stream: NodeJS.WriteStream): Display {
  const state = new Map<string, { decile: number; at: number }>();
  const line = (text: string) => stream.write(`${text}\n`);
  return {
    start: (id) => {
      state.set(id, { decile: 0, at: Date.now() });
      line(`${id}: started`);
    },
    progress: (id, fraction, status) => {
      const s = state.get(id);
      if (!s) return;
      const decile = Math.floor(fraction * 10);
      // a line per 10% or per 30 s, whichever comes first
      if (decile > s.decile || Date.now() - s.at > 30_000) {
        s.decile = decile;
        s.at = Date.now();
        line(`${id}: ${(fraction * 100).toFixed(0)}%${status ? ` ${status}` : ''}`);
      }
    },
    log: (id, message) => line(`${id}: ${message}`),
    finish: (_id, message) => line(message),
    close: () => undefined,
  };
}
