/**
 * SavedModel export, central type {@link io.tfvae.export.SavedModelExport}: it builds a model's
 * {@link io.tfvae.models.Model#signatures} over restore-only variables and writes them with the
 * weights and the {@link io.tfvae.export.Manifest}. The keys and names below are those of {@link
 * io.tfvae.models.Signatures}, whose builders every model uses; which signatures a latent-variable
 * model has follows from its parts, in {@link io.tfvae.models.LatentSignatures}.
 *
 * <p><b>Signature contract</b> (the tools module relies on nothing else). Float tensors are
 * float32; D is the data size (784 for MNIST), Z the latent size, C the classes; batch dimensions
 * are -1. Every signature has method name {@code tensorflow/serving/predict}. The table is the
 * tools' {@code Contract.TABLE}; the tools' {@code ContractTest} holds it, this table and {@code
 * tools/README.md} equal.
 *
 * <table>
 *   <caption>signatures</caption>
 *   <tr><th>key</th><th>inputs</th><th>outputs</th><th>exported where</th></tr>
 *   <tr><td>{@code negative_elbo}</td><td>{@code x} [-1,D], {@code seed} int64 [2], {@code y}</td>
 *       <td>{@code nelbo}, {@code kl}, {@code rec} [-1] per example</td>
 *       <td>every latent-variable model</td></tr>
 *   <tr><td>{@code negative_iwae}</td>
 *       <td>{@code x} [-1,D], {@code m} int32 scalar (&gt;= 1), {@code seed} int64 [2], {@code y}</td>
 *       <td>{@code niwae} [-1] per example</td>
 *       <td>the posterior over the whole code is one family</td></tr>
 *   <tr><td>{@code sample}</td><td>{@code n} int32 scalar, {@code seed} int64 [2], {@code y}</td>
 *       <td>{@code x_mean} [-1,D], {@code z} [-1,Z] (prior codes)</td>
 *       <td>every latent-variable model</td></tr>
 *   <tr><td>{@code encode}</td><td>{@code x} [-1,D], {@code y}</td>
 *       <td>by family: {@code z_mean}, {@code z_variance} (Gaussian); {@code z_probabilities}
 *       [-1,N,K] (categorical); {@code z0_mean}, {@code z0_variance} (inverse autoregressive flow);
 *       {@code z1_mean}, {@code z1_variance} (bottom-up hierarchy); {@code z1_bottom_up_mean},
 *       {@code z1_bottom_up_variance} (ladder)</td>
 *       <td>every latent-variable model</td></tr>
 *   <tr><td>{@code decode}</td><td>{@code z} [-1,Z], {@code y}</td><td>{@code x_mean} [-1,D]</td>
 *       <td>every latent-variable model</td></tr>
 *   <tr><td>{@code sample_conditional}</td><td>{@code y} [-1,C], {@code z} [-1,Z]</td>
 *       <td>{@code x_mean} [-1,D]</td><td>the decoder reads labels</td></tr>
 *   <tr><td>{@code log_prior}</td><td>{@code z} [-1,Z]</td><td>{@code log_prob} [-1]</td>
 *       <td>every latent-variable model</td></tr>
 *   <tr><td>{@code log_posterior}</td><td>{@code x} [-1,D], {@code z} [-1,Z], {@code y}</td>
 *       <td>{@code log_prob} [-1]</td>
 *       <td>the posterior is one family with a density ({@link
 *       io.tfvae.distributions.PosteriorFamily#hasDensity})</td></tr>
 *   <tr><td>{@code sample_posterior}</td><td>{@code x} [-1,D], {@code seed} int64 [2], {@code y}</td>
 *       <td>{@code z} [-1,Z], {@code log_prob} [-1]</td><td>as {@code log_posterior}</td></tr>
 *   <tr><td>{@code classify}</td><td>{@code x} [-1,D]</td><td>{@code probabilities} [-1,C]</td>
 *       <td>the model has a classifier q(y | x)</td></tr>
 * </table>
 *
 * <p>{@code y} [-1,C] is one-hot labels. A conditional VAE observes them: every signature listing
 * {@code y} takes them ({@code sample}'s n must equal their rows). The SSVAE's y is latent: only
 * {@code encode}, {@code decode} and {@code sample_conditional} take it, and it has no {@code
 * negative_iwae}, {@code log_posterior} or {@code sample_posterior}.
 *
 * <p>Noise inside signatures comes from stateless random ops keyed by {@code seed}, so the same
 * call gives the same numbers in any process and any client. The manifest {@code
 * assets.extra/tfvae.json} travels inside the SavedModel directory.
 */
package io.tfvae.export;
