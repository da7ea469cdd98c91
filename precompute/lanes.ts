/**
 * The runner's lanes: `lanes` loops, each taking the first experiment in `order` that has not
 * started and whose inputs (`inputsOf`, experiments of this run) are done, and waiting for a
 * lane to finish when every remaining one waits on a running one. Separate from the runner so
 * that tests drive this very code with fake experiments on a virtual clock.
 */
export async function runLanes(
  order: readonly string[],
  inputsOf: (id: string) => readonly string[],
  lanes: number,
  run: (id: string) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const started = new Set<string>();
  const done = new Set<string>();
  let wake: (() => void)[] = [];
  const nextReady = () => order.find((id) => !started.has(id) && inputsOf(id).every((d) => done.has(d)));
  const lane = async () => {
    while (!signal?.aborted && started.size < order.length) {
      const id = nextReady();
      if (id === undefined) {
        // every remaining experiment waits for one that is running: wait for a lane to finish
        await new Promise<void>((r) => wake.push(r));
        continue;
      }
      started.add(id);
      try {
        await run(id);
      } finally {
        done.add(id);
        const waiting = wake;
        wake = [];
        waiting.forEach((r) => r());
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}
