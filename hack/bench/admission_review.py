#!/usr/bin/env python3
"""Prints a realistic AdmissionReview (about 4 KB) for creating a RustApp: the payload of the webhook benchmarks."""
import json
import uuid

env = [{"name": f"ORDERS_SETTING_{i}", "value": f"value-{i}-" + "x" * 24} for i in range(24)]
app = {
    "apiVersion": "rustapp.dev/v1alpha1",
    "kind": "RustApp",
    "metadata": {
        "name": "orders",
        "namespace": "shop",
        "labels": {"team": "payments", "tier": "backend", "app.kubernetes.io/part-of": "shop"},
        "annotations": {"owner": "payments@acme.example", "runbook": "https://runbooks.acme.example/orders"},
    },
    "spec": {
        "image": "ghcr.io/acme/orders:2.3.1",
        "replicas": 3,
        "metrics": {"port": 9000},
        "config": [{"name": "orders-config"}],
        "secrets": [{"name": "orders-db"}, {"name": "orders-stripe"}],
        "env": env,
        "rust": {"logLevel": "info,orders=debug,sqlx=warn,hyper=info", "backtrace": "full"},
        "resources": {"requests": {"cpu": "250m", "memory": "128Mi"}, "limits": {"cpu": "2", "memory": "512Mi"}},
        "disruption": {"minAvailable": 1},
        "podAnnotations": {"prometheus.io/scrape": "true", "prometheus.io/port": "9000"},
    },
}
review = {
    "apiVersion": "admission.k8s.io/v1",
    "kind": "AdmissionReview",
    "request": {
        "uid": str(uuid.UUID(int=42)),
        "kind": {"group": "rustapp.dev", "version": "v1alpha1", "kind": "RustApp"},
        "resource": {"group": "rustapp.dev", "version": "v1alpha1", "resource": "rustapps"},
        "requestKind": {"group": "rustapp.dev", "version": "v1alpha1", "kind": "RustApp"},
        "requestResource": {"group": "rustapp.dev", "version": "v1alpha1", "resource": "rustapps"},
        "name": "orders",
        "namespace": "shop",
        "operation": "CREATE",
        "userInfo": {"username": "alice@acme.example", "groups": ["system:authenticated", "payments"]},
        "object": app,
        "oldObject": None,
        "dryRun": False,
        "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions", "fieldManager": "kubectl-client-side-apply"},
    },
}
print(json.dumps(review))
