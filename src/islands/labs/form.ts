/**
 * DOM side of the labs' controls: read raw values, show each error beside its control
 * (aria-invalid + aria-describedby), and nothing else. Validation itself is pure (fields.ts).
 */
export function rawValue(input: HTMLInputElement): string {
  // A number input reports '' for text it cannot parse; say so instead of "empty".
  return input.validity?.badInput ? '(not a number)' : input.value;
}

export function readFields(form: HTMLElement, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const input = form.querySelector<HTMLInputElement>(`[name="${k}"]`);
    if (input) out[k] = rawValue(input);
  }
  return out;
}

/** Marks invalid controls and fills their error slots; clears the others. */
export function showErrors(form: HTMLElement, errors: Readonly<Record<string, string>>): void {
  form.querySelectorAll<HTMLElement>('[data-error-for]').forEach((slot) => {
    const key = slot.dataset.errorFor ?? '';
    const message = errors[key] ?? '';
    slot.textContent = message;
    slot.hidden = message === '';
    const control = form.querySelector<HTMLElement>(`[name="${key}"]`);
    if (control) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  });
}

/** Disable or enable every control of a form (not the Cancel button). */
export function lockControls(form: HTMLElement, locked: boolean): void {
  form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((el) => (el.disabled = locked));
}
