package dev.rustapp.controller.runtime;

import dev.rustapp.api.Bundled;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.controller.model.AppModel;
import dev.rustapp.controller.model.AutoscalerRenderer;
import dev.rustapp.controller.model.DeploymentRenderer;
import dev.rustapp.controller.model.DisruptionBudgetRenderer;
import dev.rustapp.controller.model.RenderInputs;
import dev.rustapp.controller.model.ServiceAccountRenderer;
import dev.rustapp.controller.model.ServiceRenderer;
import dev.rustapp.controller.model.TemplateHash;
import dev.rustapp.controller.reconcile.StatusCalculator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One admitted app reconciled on paper: read as the informers decode it, its children rendered and
 * written as the applies send them, read back and cut down as the caches keep them (a pod of its
 * template too), its status computed and written. No request is made. The controller runs it beside
 * start-up's waits on the network, so the first reconcile finds the model classes loaded and
 * Jackson's serializers built (the image's AppCDS archive holds classes, not what Jackson builds).
 */
public final class Rehearsal {
  static final String APP = "dev/rustapp/controller/rehearsal-app.json";

  private Rehearsal() {}

  /** The objects the rehearsal read back, each as a cache keeps it. */
  public static List<HasMetadata> run(KubernetesSerialization serialization) {
    RustApp app = serialization.unmarshal(new String(Bundled.bytes(APP), StandardCharsets.UTF_8), RustApp.class);
    AppModel model = AppModel.of(app, "rehearsal");
    RenderInputs.of(app, List.of(), model.configHash());
    Deployment deployment = DeploymentRenderer.desired(model);
    TemplateHash.of(deployment.getSpec().getTemplate());
    List<HasMetadata> children = new ArrayList<>(List.of(deployment, ServiceRenderer.desired(model)));
    ServiceAccountRenderer.desired(model).ifPresent(children::add);
    AutoscalerRenderer.desired(model).ifPresent(children::add);
    DisruptionBudgetRenderer.desired(model).ifPresent(children::add);
    Pod pod = new PodBuilder().withMetadata(deployment.getSpec().getTemplate().getMetadata())
        .withSpec(deployment.getSpec().getTemplate().getSpec()).withNewStatus().withPhase("Running").endStatus().build();
    children.add(pod);
    List<HasMetadata> cached = new ArrayList<>();
    for (HasMetadata child : children) {
      cached.add(roundTrip(serialization, child));
    }
    app.setStatus(StatusCalculator.compute(model, (Deployment) cached.get(0), null, Optional.empty(), Instant.now()));
    cached.add(roundTrip(serialization, app));
    return cached;
  }

  private static HasMetadata roundTrip(KubernetesSerialization serialization, HasMetadata object) {
    HasMetadata back = serialization.unmarshal(serialization.asJson(object), object.getClass());
    CacheShapes.keepWhatIsRead(back, null);
    return back;
  }
}
