/** Title-page facts of the essay. */
export const essay = {
  title: 'Heuristics, Priors and Latent Space',
  subtitle: 'How variational autoencoders and Bayesian models carry their assumptions when they rebuild and impute survey data',
  authors: ['The Inductive Bias Essay team'],
  published: '2026-11-25',
  description:
    'An interactive essay that retrains variational autoencoders and refits Bayesian multivariate-normal and structural equation models on simulated job-satisfaction survey data, and asks which of them reproduce the joint correlation structure.',
} as const;
