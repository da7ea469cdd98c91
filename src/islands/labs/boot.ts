/**
 * Boot code shipped with the page for both labs, and nothing else: it swaps the static note
 * for the controls and loads a lab's real code when the lab comes near the viewport or
 * gets focus. TensorFlow.js, Plot and the workers are all behind that import.
 */
export interface LabModule {
  mount(root: HTMLElement): void;
}

/** Run once the page has finished loading and the main thread is free (swapping a lab's
 * controls in restyles part of a long page; it should not delay the first paint). */
function whenIdle(fn: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(fn, { timeout: 3000 });
  else setTimeout(fn, 300);
}

export function bootLabs(selector: string, load: () => Promise<LabModule>): void {
  whenIdle(() => document.querySelectorAll<HTMLElement>(selector).forEach((root) => {
    root.querySelector<HTMLElement>('[data-lab-static]')?.setAttribute('hidden', '');
    root.querySelectorAll<HTMLElement>('[data-lab-js]').forEach((el) => el.removeAttribute('hidden'));
    const status = root.querySelector<HTMLElement>('[data-status]');
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      observer?.disconnect();
      if (status) status.textContent = 'Loading the lab…';
      load()
        .then((m) => m.mount(root))
        .catch((err: unknown) => {
          started = false; // let a later scroll or focus retry
          if (status) status.textContent = `The lab could not load: ${err instanceof Error ? err.message : String(err)}`;
        });
    };
    const observer = 'IntersectionObserver' in window ? new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && start(), { rootMargin: '300px 0px' }) : null;
    if (observer) observer.observe(root);
    else start();
    root.addEventListener('focusin', start);
    // A lab already on screen when this runs (a reload, an instant jump) must wake too, and an
    // observer does not always report a target inside a section that was skipping rendering
    // (content-visibility): measure directly now and whenever a scroll ends.
    const near = () => {
      const r = root.getBoundingClientRect();
      return r.height > 0 && r.bottom > -300 && r.top < window.innerHeight + 300;
    };
    const check = () => {
      if (started) window.removeEventListener('scrollend', check);
      else if (near()) start();
    };
    window.addEventListener('scrollend', check, { passive: true });
    check();
  }));
}
