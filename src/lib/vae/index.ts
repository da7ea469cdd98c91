/** The VAE library: isomorphic (Node and browser workers), no Node, DOM or Astro imports. */
export * from './spec';
export * from './params';
export * from './loss';
export * from './network';
export * from './objective';
export * from './adam';
export * from './batch';
export * from './train';
export * from './generate';
export * from './audit';
export * from './serialize';
export * from './backend';
export * from './gradients';
export * from './tf-probes';
export * from './run-data';
export * from './miwae';
export * from './importance';
