// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import offline from './integrations/offline.mjs';

// The canonical address only feeds social-preview metadata; the built site uses relative
// links and works from any static host (see README).
const site = process.env.SITE_URL ?? 'https://inductive-bias.example.org';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [mdx(), offline()],
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', throwOnError: true, strict: 'error' }]],
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      wrap: false,
    },
  },
  build: { inlineStylesheets: 'auto', format: 'directory' },
  vite: {
    build: { assetsInlineLimit: 0 },
    // TensorFlow.js's wasm backend ships its .wasm files; keep them as files, never inlined.
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  },
  devToolbar: { enabled: false },
});
