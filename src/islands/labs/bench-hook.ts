/**
 * `window.__labBench`: a handle for scripts/bench-browser.ts to time the labs' workers.
 * Each lab adds its entry when it mounts; nothing is installed before a lab loads.
 */
type BenchFn = (...args: never[]) => Promise<unknown>;

export function installBench(name: string, fn: BenchFn): void {
  const w = window as unknown as { __labBench?: Record<string, BenchFn> };
  w.__labBench = { ...(w.__labBench ?? {}), [name]: fn };
}
