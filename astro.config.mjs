// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import offline from './integrations/offline.mjs';
import precompress from './integrations/precompress.mjs';
import figureData from './integrations/figure-data.mjs';
import rehypeMathmlCore from './integrations/rehype-mathml-core.mjs';
import { KATEX_OPTIONS } from './src/site/mathml.mjs';

// The canonical address only feeds social-preview metadata; the built site uses relative
// links and works from any static host (see README).
const site = process.env.SITE_URL ?? 'https://inductive-bias.example.org';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'ignore',
  // figureData after offline (data files are fetched on demand, not precached); precompress
  // last so it also compresses what the others write
  integrations: [mdx(), offline(), figureData(), precompress()],
  markdown: {
    remarkPlugins: [remarkMath],
    // formulas as MathML only, drawn by the browser (src/site/mathml.mjs)
    rehypePlugins: [[rehypeKatex, KATEX_OPTIONS], rehypeMathmlCore],
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      wrap: false,
    },
  },
  build: { inlineStylesheets: 'always', format: 'directory' },
  vite: {
    build: { assetsInlineLimit: 0 },
    // TensorFlow.js's wasm backend ships its .wasm files; keep them as files, never inlined.
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  },
  devToolbar: { enabled: false },
});
