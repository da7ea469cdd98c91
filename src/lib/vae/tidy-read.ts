/**
 * Run tf work in a tidy and read its result tensors' values after it. Returning the values
 * from inside the tidy instead costs a walk over every element: tf.tidy looks for tensors to
 * keep in whatever the function returns, and walks a typed array index by index (measured: a
 * quarter of the masked VAE experiment's time went to that walk after its generated data sets).
 */
import * as tf from '@tensorflow/tfjs';

export function tidyRead(fn: () => tf.Tensor[]): Float32Array[] {
  const ts = tf.tidy(fn);
  try {
    return ts.map((t) => t.dataSync() as Float32Array);
  } finally {
    tf.dispose(ts);
  }
}
