/**
 * Model definitions: text-format protobuf ({@code model-defs/*.pbtxt}, schema {@code
 * model-defs/tfvae.proto}) parsed, overridden and validated once into a {@link
 * io.tfvae.config.ModelDefinition}.
 */
package io.tfvae.config;
