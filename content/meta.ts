/** Title-page facts of the essay. */
export const essay = {
  title: 'Heuristics, Priors and Latent Space',
  subtitle: 'How variational autoencoders and Bayesian models carry their assumptions when they rebuild and impute survey data',
  authors: ['The Inductive Bias Essay team'],
  published: '2026-11-25',
  /** BibTeX key in the essay's own "Cite this essay" block */
  citationKey: 'inductivebias2026heuristics',
  /** reuse: the text and figures, and the code that makes them (LICENSE holds the full terms) */
  licence: {
    text: { name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)', url: 'https://creativecommons.org/licenses/by/4.0/' },
    code: { name: 'MIT License', url: 'https://opensource.org/license/mit' },
  },
  description:
    'An interactive essay that retrains variational autoencoders and refits Bayesian multivariate-normal and structural equation models on simulated job-satisfaction survey data, and asks which of them reproduce the joint correlation structure.',
} as const;
