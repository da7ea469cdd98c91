/**
 * Boot code for the rank slider, loaded with the page: it only reveals the control. The heavy
 * part (Observable Plot and the reconstruction code) loads when the reader first moves it.
 */
export function mountRankSliders(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-rank-slider]').forEach((el) => {
    const controls = el.querySelector<HTMLElement>('[data-controls]');
    const input = el.querySelector<HTMLInputElement>('input[type="range"]');
    if (!controls || !input) return;
    controls.hidden = false;
    let view: Promise<(k: number) => void> | undefined;
    const status = el.querySelector<HTMLElement>('[data-status]');
    input.addEventListener('input', async () => {
      const k = Number(input.value);
      const out = el.querySelector<HTMLOutputElement>('[data-rank-output]');
      if (out) out.value = String(k);
      try {
        view ??= import('./rank-slider-view').then((m) => m.createView(el));
        (await view)(k);
      } catch (err) {
        view = undefined;
        if (status) status.textContent = `Could not redraw: ${(err as Error).message}`;
      }
    });
  });
}
