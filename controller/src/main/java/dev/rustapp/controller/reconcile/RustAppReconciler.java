package dev.rustapp.controller.reconcile;

import dev.rustapp.api.Labels;
import dev.rustapp.api.v1alpha1.RustApp;
import dev.rustapp.api.v1alpha1.RustAppPolicy;
import dev.rustapp.api.v1alpha1.RustAppStatus;
import dev.rustapp.controller.kube.ChildApplier;
import dev.rustapp.controller.kube.DesiredChild;
import dev.rustapp.controller.kube.EventRecorder;
import dev.rustapp.controller.kube.StatusWriter;
import dev.rustapp.controller.model.AppModel;
import dev.rustapp.controller.model.AutoscalerRenderer;
import dev.rustapp.controller.model.ConfigHash;
import dev.rustapp.controller.model.DeploymentRenderer;
import dev.rustapp.controller.model.DisruptionBudgetRenderer;
import dev.rustapp.controller.model.RenderInputs;
import dev.rustapp.controller.model.ServiceAccountRenderer;
import dev.rustapp.controller.model.ServiceRenderer;
import dev.rustapp.controller.model.TemplateHash;
import dev.rustapp.policy.PolicyEngine;
import dev.rustapp.policy.RuleResult;
import dev.rustapp.validation.FieldPath;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One RustApp, level-based: render the children from the spec defaulted by the catalogue and the
 * covering policies, apply them, delete the ones no longer wanted, then report status, with the
 * policies' verdict on the app. Running it twice in a row changes nothing.
 */
public final class RustAppReconciler {
  private final ClusterView view;
  private final ChildApplier applier;
  private final StatusWriter statusWriter;
  private final Supplier<byte[]> hashKey;
  private final EventRecorder events;
  private final Clock clock;
  private final TemplateHashes templateHashes = new TemplateHashes();

  /** How a reconcile ended: done, or failed with a classified error (the queue retries the transient ones). */
  public record Result(Optional<ReconcileError> error) {
    static final Result DONE = new Result(Optional.empty());

    public boolean retry() {
      return error.isPresent() && !error.get().permanent();
    }
  }

  public RustAppReconciler(ClusterView view, ChildApplier applier, StatusWriter statusWriter, EventRecorder events, Clock clock,
      Supplier<byte[]> hashKey) {
    this.hashKey = hashKey;
    this.view = view;
    this.applier = applier;
    this.statusWriter = statusWriter;
    this.events = events;
    this.clock = clock;
  }

  public Result reconcile(String namespace, String name) {
    Optional<RustApp> found = view.rustApp(namespace, name);
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null || found.get().getSpec() == null
        || view.terminating(namespace)) {
      // Deleted or being deleted: owner references let the garbage collector remove the children. In a
      // namespace being deleted the namespace controller removes the children first, often before the
      // app: putting them back would only be refused (Forbidden) and logged, once per child and retry.
      applier.forget(namespace, name);
      statusWriter.forget(namespace, name);
      templateHashes.forget(namespace, name);
      return Result.DONE;
    }
    RustApp app = withLatestStatus(found.get());
    List<RustAppPolicy> policies = view.policiesFor(namespace);
    // Each referenced ConfigMap or Secret is looked up once: the config hash and the missing-reference check both read it.
    Map<String, MissingReferences.Lookup> lookedUp = new HashMap<>();
    Function<String, MissingReferences.Lookup> reference = ref -> lookedUp.computeIfAbsent(ref, r -> view.reference(namespace, r));
    AppModel model = AppModel.of(app, policies, spec -> ConfigHash.of(spec, ref -> reference.apply(ref).data(), hashKey.get()));
    String inputs = RenderInputs.of(app, policies, model.configHash());
    Optional<Deployment> before = view.deployment(namespace, name);
    try {
      applyServiceAccount(model, inputs);
      Supplier<Deployment> rendered = once(() -> DeploymentRenderer.desired(model));
      String podsWaiting = StuckPods.describe(view.stuckPods(namespace, name));
      Target target = planRollout(model, templateHashes.of(namespace, name, inputs,
          () -> TemplateHash.of(rendered.get().getSpec().getTemplate())), before, podsWaiting);
      RolloutTracker.Plan plan = target.plan();
      Deployment deployment = applier.apply(DesiredChild.lazy(Deployment.class, namespace, name, target.inputs(inputs),
          () -> target.render(rendered.get())), before);
      applier.apply(DesiredChild.lazy(Service.class, namespace, name, inputs, () -> ServiceRenderer.desired(model)),
          view.child(Service.class, namespace, name));
      applyOptional(model, inputs, HorizontalPodAutoscaler.class, AutoscalerRenderer.desired(model), "autoscaling was removed");
      applyOptional(model, inputs, PodDisruptionBudget.class, DisruptionBudgetRenderer.desired(model), "disruption was removed");
      announceChanges(app, before, deployment);
      plan.events().forEach(event -> {
        if (event.warning()) {
          events.warning(app, event.reason(), event.message());
        } else {
          events.normal(app, event.reason(), event.message());
        }
      });
      int restarts = view.restarts(namespace, name);
      int previousRestarts = app.getStatus() == null || app.getStatus().restarts == null ? 0 : app.getStatus().restarts;
      if (restarts > previousRestarts) {
        events.warning(app, "ContainerRestarts", "containers restarted " + (restarts - previousRestarts) + " more time(s), "
            + restarts + " in all: see kubectl describe pods -l " + Labels.APP + "=" + name);
      }
      var missing = StatusCalculator.Failure.missing(MissingReferences.of(model.spec(), reference), namespace);
      RustAppStatus status = StatusCalculator.compute(model, deployment, app.getStatus(), missing,
          new StatusCalculator.Rollout(plan.history(), plan.rollback(), restarts, podsWaiting), clock.instant());
      List<RuleResult> verdict = PolicyEngine.evaluate(model.spec(), policies, FieldPath.of("spec"));
      status.conditions = PolicyCondition.set(status.conditions, verdict, app.getMetadata().getGeneration(), clock.instant());
      if (statusWriter.writeIfChanged(app, status)) {
        List<Condition> previous = app.getStatus() == null ? null : app.getStatus().conditions;
        PolicyCondition.newlyFailing(previous, status.conditions)
            .ifPresent(message -> events.warning(app, PolicyCondition.TYPE, message));
        missing.filter(failure -> !Conditions.reason(previous, RustAppStatus.DEGRADED).equals(Optional.of(failure.reason())))
            .ifPresent(failure -> events.warning(app, failure.reason(), failure.message()));
      }
      return Result.DONE;
    } catch (RuntimeException e) {
      if (view.terminating(namespace)) {
        // The namespace's deletion began while this reconcile ran (its watch event came after the children's).
        return Result.DONE;
      }
      ReconcileError error = ReconcileError.classify(e);
      // One event per new failure: a retried conflict must not add an event per retry.
      if (error.reported() && reportFailure(model, before, error)) {
        events.warning(app, "ReconcileFailed", error.name() + ": " + error.message());
      }
      return new Result(Optional.of(error));
    }
  }

  /**
   * The revision the Deployment runs: the spec's template with its revision, or the pinned revision's
   * template (from its ReplicaSet) while a rollback holds. What the Deployment is rendered from is the
   * app's inputs and this.
   */
  private record Target(RolloutTracker.Plan plan, Optional<PodTemplateSpec> pinned) {
    String inputs(String appInputs) {
      return appInputs + "/revision=" + plan.revision() + (pinned.isPresent() ? "/pinned" : "");
    }

    /** The spec's template's hash is taken before the revision annotation is added, so it depends on the spec alone. */
    Deployment render(Deployment desired) {
      if (pinned.isPresent()) {
        desired.getSpec().setTemplate(pinned.get());
      } else {
        desired.getSpec().getTemplate().getMetadata().getAnnotations().put(Labels.REVISION, Long.toString(plan.revision()));
      }
      return desired;
    }
  }

  private Target planRollout(AppModel model, String hash, Optional<Deployment> before, String podsWaiting) {
    RolloutTracker.Plan plan = RolloutTracker.plan(model.app().getStatus(), hash, model.spec().image,
        DeploymentState.of(before.orElse(null), Objects.requireNonNullElse(model.spec().replicas, 1)),
        model.spec().rollout.autoRollback, model.spec().rollout.revisionHistoryLimit, model.spec().rollout.progressDeadlineSeconds,
        podsWaiting, clock.instant());
    if (plan.pinnedTo().isPresent()) {
      var pinned = view.templateOfRevision(model.namespace(), model.name(), plan.pinnedTo().get());
      if (pinned.isPresent()) {
        return new Target(plan, pinned);
      }
      events.warning(model.app(), "RollbackUnavailable", "revision " + plan.pinnedTo().get()
          + " has no ReplicaSet left to roll back to; running the spec's revision");
      plan = new RolloutTracker.Plan(plan.history().get(0).revision, Optional.empty(), plan.history(), null, plan.events());
    }
    return new Target(plan, Optional.empty());
  }

  private void applyServiceAccount(AppModel model, String inputs) {
    Optional<ServiceAccount> desired = ServiceAccountRenderer.desired(model);
    Optional<ServiceAccount> live = view.child(ServiceAccount.class, model.namespace(), model.name());
    if (desired.isPresent()) {
      applier.apply(DesiredChild.of(desired.get(), inputs), live);
    } else {
      applier.deleteOwned(live, model.app().getMetadata().getUid());
    }
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void applyOptional(AppModel model, String inputs, Class<T> kind,
      Optional<T> desired, String why) {
    Optional<T> live = view.child(kind, model.namespace(), model.name());
    if (desired.isPresent()) {
      applier.apply(DesiredChild.of(desired.get(), inputs), live);
    } else if (applier.deleteOwned(live, model.app().getMetadata().getUid())) {
      events.normal(model.app(), "Deleted", "deleted " + kind.getSimpleName() + " " + model.name() + ": " + why);
    }
  }

  private void announceChanges(RustApp app, Optional<Deployment> before, Deployment after) {
    if (before.isEmpty()) {
      events.normal(app, "Created", "created Deployment, Service" + (app.getSpec().serviceAccountName == null ? " and ServiceAccount" : "")
          + " for " + image(after));
      return;
    }
    Integer oldReplicas = before.get().getSpec().getReplicas();
    Integer newReplicas = after.getSpec().getReplicas();
    if (app.getSpec().autoscaling == null && !Objects.equals(oldReplicas, newReplicas)) {
      events.normal(app, "Scaled", "scaled from " + oldReplicas + " to " + newReplicas + " replicas");
    }
    if (!Objects.equals(image(before.get()), image(after))) {
      events.normal(app, "RollingOut", "rolling out " + image(after) + " (was " + image(before.get()) + ")");
    } else if (!Objects.equals(configHash(before.get()), configHash(after))) {
      events.normal(app, "ConfigChanged", "referenced ConfigMaps or Secrets changed: rolling the pods");
    }
  }

  /** True unless the status already said so (or cannot be written, when the event must carry it alone). */
  private boolean reportFailure(AppModel model, Optional<Deployment> before, ReconcileError error) {
    try {
      RustAppStatus status = StatusCalculator.compute(model, before.orElse(null), model.app().getStatus(),
          Optional.of(new StatusCalculator.Failure(error.name(), error.message())), clock.instant());
      return statusWriter.writeIfChanged(model.app(), status);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** The value on first use, then the same value: the Deployment is rendered at most once per reconcile, and only if needed. */
  private static <T> Supplier<T> once(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  private static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static String configHash(Deployment deployment) {
    var annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Labels.CONFIG_HASH);
  }

  /** The cached app, or a copy carrying the newer status this process wrote (cached objects are never modified). */
  private RustApp withLatestStatus(RustApp cached) {
    RustAppStatus latest = statusWriter.latest(cached);
    if (latest == cached.getStatus()) {
      return cached;
    }
    RustApp copy = new RustApp();
    copy.setMetadata(cached.getMetadata());
    copy.setSpec(cached.getSpec());
    copy.setStatus(latest);
    return copy;
  }
}
