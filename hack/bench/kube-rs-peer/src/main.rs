//! A kube-rs peer of the RustApp controller for hack/bench/controller.sh: reconciles each RustApp
//! into the ServiceAccount, Deployment and Service our controller renders for the benchmark's apps
//! (a spec with image and replicas, no webhook defaults), by server-side apply, then writes the
//! status fields a user reads, only when they change. Caches what the kube-rs idiom caches: the
//! RustApps, with watches on the owned kinds to requeue their owner.
use std::{sync::Arc, time::Duration};

use futures::StreamExt;
use k8s_openapi::api::{
    apps::v1::Deployment,
    core::v1::{Service, ServiceAccount},
};
use kube::{
    api::{Api, ApiResource, DynamicObject, GroupVersionKind, Patch, PatchParams},
    runtime::{
        controller::{Action, Config},
        watcher, Controller,
    },
    Client, Resource, ResourceExt,
};
use serde_json::{json, Value};

const MANAGER: &str = "rustapp-kube-rs-peer";

struct Context {
    client: Client,
    apps: ApiResource,
}

#[derive(Debug)]
struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<kube::Error> for Error {
    fn from(e: kube::Error) -> Self {
        Error(e.to_string())
    }
}

fn deployment(name: &str, image: &str, replicas: i64, labels: &Value, metadata: &Value) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata,
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": name}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
            "progressDeadlineSeconds": 600,
            "revisionHistoryLimit": 10,
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "serviceAccountName": name,
                    "terminationGracePeriodSeconds": 30,
                    "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
                    "containers": [{
                        "name": "app", "image": image, "imagePullPolicy": "IfNotPresent",
                        "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                        "env": [{"name": "RUST_LOG", "value": "info"}, {"name": "RUST_BACKTRACE", "value": "1"}],
                        "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
                        "readinessProbe": {"httpGet": {"path": "/readyz", "port": "http"}},
                        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}},
                        "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                            "capabilities": {"drop": ["ALL"]}},
                        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
                        "lifecycle": {"preStop": {"sleep": {"seconds": 5}}}
                    }],
                    "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}]
                }
            }
        }
    })
}

async fn reconcile(app: Arc<DynamicObject>, ctx: Arc<Context>) -> Result<Action, Error> {
    let namespace = app.namespace().ok_or_else(|| Error("a RustApp without a namespace".into()))?;
    let name = app.name_any();
    let spec = &app.data["spec"];
    let image = spec["image"].as_str().unwrap_or_default();
    let replicas = spec["replicas"].as_i64().unwrap_or(1);
    let owner = app.controller_owner_ref(&ctx.apps).ok_or_else(|| Error("a RustApp without a uid".into()))?;
    let labels = json!({"app.kubernetes.io/name": name, "app.kubernetes.io/instance": name,
                        "app.kubernetes.io/managed-by": MANAGER});
    let metadata = json!({"name": name, "namespace": namespace, "labels": labels, "ownerReferences": [owner]});
    let apply = PatchParams::apply(MANAGER).force();

    let accounts: Api<ServiceAccount> = Api::namespaced(ctx.client.clone(), &namespace);
    accounts.patch(&name, &apply, &Patch::Apply(json!({"apiVersion": "v1", "kind": "ServiceAccount",
        "metadata": metadata, "automountServiceAccountToken": false}))).await?;
    let deployments: Api<Deployment> = Api::namespaced(ctx.client.clone(), &namespace);
    let applied = deployments.patch(&name, &apply, &Patch::Apply(deployment(&name, image, replicas, &labels, &metadata))).await?;
    let services: Api<Service> = Api::namespaced(ctx.client.clone(), &namespace);
    services.patch(&name, &apply, &Patch::Apply(json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata,
        "spec": {"type": "ClusterIP", "selector": {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": name},
                 "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}}))).await?;

    let observed = applied.status.unwrap_or_default();
    let ready = observed.ready_replicas.unwrap_or(0);
    let status = json!({
        "observedGeneration": app.metadata.generation,
        "image": image,
        "replicas": observed.replicas.unwrap_or(0),
        "readyReplicas": ready,
        "updatedReplicas": observed.updated_replicas.unwrap_or(0),
        "ready": format!("{ready}/{replicas}"),
        "selector": format!("app.kubernetes.io/name={name},app.kubernetes.io/instance={name}"),
    });
    let current = app.data.get("status").cloned().unwrap_or(Value::Null);
    let changed = status.as_object().unwrap().iter().any(|(k, v)| current.get(k) != Some(v));
    if changed {
        let apps: Api<DynamicObject> = Api::namespaced_with(ctx.client.clone(), &namespace, &ctx.apps);
        apps.patch_status(&name, &PatchParams::default(), &Patch::Merge(json!({"status": status}))).await?;
    }
    Ok(Action::requeue(Duration::from_secs(3600)))
}

fn error_policy(_app: Arc<DynamicObject>, error: &Error, _ctx: Arc<Context>) -> Action {
    eprintln!("reconcile failed: {error}");
    Action::requeue(Duration::from_secs(5))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::try_default().await?;
    let gvk = GroupVersionKind::gvk("rustapp.dev", "v1alpha1", "RustApp");
    let resource = ApiResource::from_gvk_with_plural(&gvk, "rustapps");
    let apps: Api<DynamicObject> = Api::all_with(client.clone(), &resource);
    let owned = watcher::Config::default().labels(&format!("app.kubernetes.io/managed-by={MANAGER}"));
    let context = Arc::new(Context { client: client.clone(), apps: resource.clone() });
    eprintln!("rustapp-kube-rs-peer running");
    // Four reconciles at a time, as our controller's four workers (and controller-runtime's bounded
    // workers): kube-runtime's default is unbounded, and at 10,000 apps its 10,000 concurrent applies
    // overloaded the apiserver (504 timeouts, 14.8 GB apiserver RSS, 1,100 statuses after 17 minutes).
    Controller::new_with(apps, watcher::Config::default(), resource)
        .with_config(Config::default().concurrency(4))
        .owns(Api::<Deployment>::all(client.clone()), owned.clone())
        .owns(Api::<Service>::all(client.clone()), owned.clone())
        .owns(Api::<ServiceAccount>::all(client.clone()), owned)
        .shutdown_on_signal()
        .run(reconcile, error_policy, context)
        .for_each(|_| futures::future::ready(()))
        .await;
    Ok(())
}
