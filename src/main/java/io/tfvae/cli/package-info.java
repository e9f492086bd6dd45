/**
 * Command-line entry points of the framework: {@link io.tfvae.cli.TrainCommand} ({@code
 * src/bin/tfvae-train}) and {@link io.tfvae.cli.BenchCommand} ({@code src/bin/tfvae-bench}).
 */
package io.tfvae.cli;
