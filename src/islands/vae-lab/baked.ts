/**
 * Fetches a baked VAE result from the site (`<base>results/<id>.json`), schema-checked.
 * A missing or malformed file is a normal outcome with a message, not an exception: the
 * results may not have been baked yet.
 */
import { vaeVariantResultSchema, type VaeVariantResult } from '../../lib/results/vae-missing';

// the variant schema: the original VAE results and MIWAE's both parse
export type BakedFetch = { readonly ok: true; readonly result: VaeVariantResult } | { readonly ok: false; readonly message: string };

export function bakedUrl(base: string, id: string): string {
  return `${base.replace(/\/?$/, '/')}results/${id}.json`;
}

export async function fetchBaked(base: string, id: string, fetcher: typeof fetch = fetch): Promise<BakedFetch> {
  const url = bakedUrl(base, id);
  let response: Response;
  try {
    response = await fetcher(url);
  } catch (err) {
    return { ok: false, message: `The baked result ${id} could not be fetched (${err instanceof Error ? err.message : String(err)}).` };
  }
  if (response.status === 404) return { ok: false, message: `The baked result ${id} is not available yet, so there is nothing to compare with.` };
  if (!response.ok) return { ok: false, message: `The baked result ${id} could not be fetched (HTTP ${response.status}).` };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, message: `The baked result ${id} is not valid JSON.` };
  }
  const parsed = vaeVariantResultSchema.safeParse((body as { result?: unknown } | null)?.result);
  if (!parsed.success) return { ok: false, message: `The baked result ${id} does not match the VAE result schema (${parsed.error.issues[0]?.message ?? 'invalid'}).` };
  return { ok: true, result: parsed.data };
}
