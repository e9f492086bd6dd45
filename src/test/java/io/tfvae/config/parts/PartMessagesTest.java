package io.tfvae.config.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.protobuf.Descriptors.Descriptor;
import io.tfvae.config.proto.Layer;
import io.tfvae.config.proto.Likelihood;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.Posterior;
import io.tfvae.config.proto.Prior;
import io.tfvae.distributions.GaussianLikelihood;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.objectives.BetaTcVae;
import io.tfvae.objectives.Elbo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every part the schema can name has its message reader, and each reads its own message. */
class PartMessagesTest {
  private static Set<String> oneofFields(Descriptor d, String oneof) {
    return d.getOneofs().stream()
        .filter(o -> o.getName().equals(oneof))
        .findFirst()
        .orElseThrow()
        .getFields()
        .stream()
        .map(f -> f.getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> registered(PartRegistry<?> r, String... ownerFields) {
    Set<String> s = new TreeSet<>(r.fields());
    s.addAll(List.of(ownerFields));
    return s;
  }

  @Test
  void everyOneofFieldOfTheSchemaHasItsPart() {
    assertEquals(
        oneofFields(Objective.getDescriptor(), "bound"),
        registered(PartMessages.OBJECTIVES, "elbo"));
    assertEquals(oneofFields(Prior.getDescriptor(), "kind"), registered(PartMessages.PRIORS));
    assertEquals(
        oneofFields(Posterior.getDescriptor(), "kind"), registered(PartMessages.POSTERIORS));
    assertEquals(
        oneofFields(Likelihood.getDescriptor(), "kind"), registered(PartMessages.LIKELIHOODS));
    assertEquals(oneofFields(Layer.getDescriptor(), "kind"), registered(PartMessages.LAYERS));
  }

  @Test
  void aSetFieldReadsItsPartAndAnUnsetOneTheDefault() {
    Objective tc =
        Objective.newBuilder()
            .setBetaTcvae(io.tfvae.config.proto.BetaTcVae.newBuilder().setBeta(4f))
            .build();
    assertInstanceOf(BetaTcVae.class, PartMessages.objective(tc));
    assertEquals("beta_tcvae", PartMessages.OBJECTIVES.setField(tc).orElseThrow());
    Objective elbo =
        Objective.newBuilder()
            .setBeta(2f)
            .setElbo(io.tfvae.config.proto.Elbo.getDefaultInstance())
            .build();
    assertInstanceOf(Elbo.class, PartMessages.objective(elbo));
    assertEquals("elbo, beta 2.0", PartMessages.objective(elbo).describe());
    assertEquals(
        PriorFactory.standardNormal().getClass(),
        PartMessages.prior(Prior.getDefaultInstance(), PartInputs.NONE).getClass());
    assertInstanceOf(
        GaussianLikelihood.class,
        PartMessages.likelihood(
            Likelihood.newBuilder()
                .setGaussian(io.tfvae.config.proto.Gaussian.getDefaultInstance())
                .build()));
  }

  @Test
  void aPartChecksItsFieldsUnderItsPlaceInTheDefinition() {
    Prior p =
        Prior.newBuilder()
            .setMixture(io.tfvae.config.proto.Mixture.newBuilder().setComponents(0))
            .build();
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.tfvae.config.ModelDefinitionException.class,
            () -> PartMessages.PRIORS.check(p, Fields.of("d.pbtxt").at("vae").at("prior")));
    assertEquals(
        "d.pbtxt: vae.prior.mixture.components: expected a number in 1..65536, got 0",
        e.getMessage());
  }
}
