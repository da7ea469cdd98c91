/**
 * Mathematics on a phone: at 390 px wide every numbered display equation fits the text column
 * with its number beside it — no horizontal scrolling, and the number clear of the formula.
 * Measured in the browser, after the math font has loaded.
 */
import { expect, test } from '@playwright/test';
import { equations } from '../../content/numbering';

test('at 390 px every numbered equation fits its column, its number beside it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/');
  // draw every section (they skip rendering off screen) and wait for the math font
  await page.evaluate(async () => {
    document.querySelectorAll('.part').forEach((p) => p.classList.add('part-drawn'));
    await document.fonts.ready;
  });
  const measured = await page.locator('.equation[data-equation]').evaluateAll((els) =>
    els.map((el) => {
      const e = el as HTMLElement;
      const formula = e.querySelector<HTMLElement>('.equation-formula')!;
      const tag = e.querySelector('.equation-number');
      // the drawn formula: a display <math> box spans the line, so measure what it holds
      const range = document.createRange();
      range.selectNodeContents(formula.querySelector('math')!);
      const drawn = range.getBoundingClientRect();
      const box = e.getBoundingClientRect();
      const formulaRight = drawn.right;
      const formulaLeft = drawn.left;
      const t = tag?.getBoundingClientRect();
      return {
        id: e.dataset.equation!,
        number: e.dataset.number!,
        column: Math.round(box.width),
        overflow: Math.round(Math.max(e.scrollWidth - e.clientWidth, formula.scrollWidth - formula.clientWidth)),
        formulaLeft: Math.round(formulaLeft - box.left),
        gap: t ? Math.round(t.left - formulaRight) : null,
        tagRight: t ? Math.round(box.right - t.right) : null,
      };
    }),
  );
  expect(measured.map((m) => m.id)).toEqual([...equations]);
  const bad = measured.filter((m) => m.overflow > 0 || m.gap === null || m.gap < 6 || m.formulaLeft < 0 || (m.tagRight ?? 0) < -1);
  console.log(measured.map((m) => `(${m.number}) ${m.id}: column ${m.column}, overflow ${m.overflow}, gap to number ${m.gap}`).join('\n'));
  expect(bad.map((m) => `Equation ${m.number} (${m.id}): overflow ${m.overflow} px, gap to its number ${m.gap} px`)).toEqual([]);
  await context.close();
});
