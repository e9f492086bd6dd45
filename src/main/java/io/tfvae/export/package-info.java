/**
 * SavedModel export, central type {@link io.tfvae.export.SavedModelExport}: it builds a model's
 * {@link io.tfvae.models.Model#signatures} over restore-only variables and writes them with the
 * weights and the {@link io.tfvae.export.Manifest}. The keys and names below are constants of
 * {@link io.tfvae.models.Signatures}, whose builders every model uses.
 *
 * <p><b>Signature contract</b> (the tools module relies on nothing else). Float tensors are
 * float32; D is the data size (784 for MNIST), Z the latent size; batch dimensions are -1. Every
 * signature has method name {@code tensorflow/serving/predict}.
 *
 * <table>
 *   <caption>signatures</caption>
 *   <tr><th>key</th><th>inputs</th><th>outputs</th></tr>
 *   <tr><td>negative_elbo</td><td>x [-1,D], seed int64 [2]</td>
 *       <td>nelbo, kl, rec [-1] per example</td></tr>
 *   <tr><td>negative_iwae</td><td>x [-1,D], m int32 scalar (&gt;= 1), seed int64 [2]</td>
 *       <td>niwae [-1] per example</td></tr>
 *   <tr><td>sample</td><td>n int32 scalar, seed int64 [2]</td><td>x_mean [-1,D]</td></tr>
 *   <tr><td>encode</td><td>x [-1,D]</td><td>z_mean, z_variance [-1,Z]</td></tr>
 *   <tr><td>decode</td><td>z [-1,Z]</td><td>x_mean [-1,D]</td></tr>
 *   <tr><td>sample_conditional</td><td>y [-1,C], z [-1,Z]</td><td>x_mean [-1,D]</td></tr>
 *   <tr><td>log_prior</td><td>z [-1,Z]</td><td>log_prob [-1]</td></tr>
 *   <tr><td>classify</td><td>x [-1,D]</td><td>probabilities [-1,C]</td></tr>
 * </table>
 *
 * <p>A conditional model (C classes) takes one-hot labels {@code y} [-1,C] in every signature but
 * {@code sample_conditional}'s z-only inputs too: {@code negative_elbo}, {@code negative_iwae},
 * {@code sample} (n must equal the rows of y), {@code encode} and {@code decode}, and it adds
 * {@code sample_conditional}. Which signatures a model has is the model's to say: a classifier has
 * {@code classify} alone, the SSVAE has no {@code negative_iwae}.
 *
 * <p>Noise inside signatures comes from stateless random ops keyed by {@code seed}, so the same
 * call gives the same numbers in any process and any client. The manifest {@code
 * assets.extra/tfvae.json} travels inside the SavedModel directory.
 */
package io.tfvae.export;
