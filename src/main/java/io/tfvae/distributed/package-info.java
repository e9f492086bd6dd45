/**
 * Training on several processes with TensorFlow's own distributed runtime: a cluster of gRPC
 * servers ({@code org.tensorflow.Server}), variables on parameter-server tasks, and synchronous
 * data parallelism whose step equals one process's step at the global batch.
 */
package io.tfvae.distributed;
