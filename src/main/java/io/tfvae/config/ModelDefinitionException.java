package io.tfvae.config;

/**
 * A model definition that cannot be used. The message is one line: the source (file name or
 * "override"), the field path, what was expected and what was found.
 */
public final class ModelDefinitionException extends io.tfvae.util.TfvaeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the one-line message shown to the user
   */
  public ModelDefinitionException(String message) {
    super(message);
  }
}
