#!/usr/bin/env python3
"""Prints an AdmissionReview for creating a RustApp, as the apiserver sends it to /mutate.

  admission_review.py            a realistic app (about 4 KB): the payload of the webhook benchmarks
  admission_review.py --minimal  the app the admission benchmark's client creates (image and replicas),
                                 with the managedFields entry the apiserver adds before admission
"""
import json
import sys
import uuid


def realistic():
    env = [{"name": f"ORDERS_SETTING_{i}", "value": f"value-{i}-" + "x" * 24} for i in range(24)]
    return {
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
    }, "kubectl-client-side-apply"


def minimal():
    manager = "fabric8-kubernetes-client"
    return {
        "apiVersion": "rustapp.dev/v1alpha1",
        "kind": "RustApp",
        "metadata": {
            "name": "app-0",
            "namespace": "ours-1",
            "managedFields": [{
                "manager": manager,
                "operation": "Update",
                "apiVersion": "rustapp.dev/v1alpha1",
                "time": "2026-12-05T12:00:00Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {"f:spec": {".": {}, "f:image": {}, "f:replicas": {}}},
            }],
        },
        "spec": {"image": "ghcr.io/acme/bench:1.0", "replicas": 1},
    }, manager


app, manager = minimal() if sys.argv[1:] == ["--minimal"] else realistic()
review = {
    "apiVersion": "admission.k8s.io/v1",
    "kind": "AdmissionReview",
    "request": {
        "uid": str(uuid.UUID(int=42)),
        "kind": {"group": "rustapp.dev", "version": "v1alpha1", "kind": "RustApp"},
        "resource": {"group": "rustapp.dev", "version": "v1alpha1", "resource": "rustapps"},
        "requestKind": {"group": "rustapp.dev", "version": "v1alpha1", "kind": "RustApp"},
        "requestResource": {"group": "rustapp.dev", "version": "v1alpha1", "resource": "rustapps"},
        "name": app["metadata"]["name"],
        "namespace": app["metadata"]["namespace"],
        "operation": "CREATE",
        "userInfo": {"username": "alice@acme.example", "groups": ["system:authenticated", "payments"]},
        "object": app,
        "oldObject": None,
        "dryRun": False,
        "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions", "fieldManager": manager},
    },
}
print(json.dumps(review))
