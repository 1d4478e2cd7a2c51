// Command go-peer is the benchmark's peer: an admission webhook on controller-runtime's
// webhook/admission package that defaults a RustApp the way the Java webhook's catalogue does,
// answering with a JSON Patch (/mutate), and checks a few of its rules (/validate), over HTTPS.
// It exists only to be measured beside the Java webhook.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"strings"

	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

type defaulter struct{}

func (defaulter) Handle(_ context.Context, req admission.Request) admission.Response {
	var obj map[string]any
	if err := json.Unmarshal(req.Object.Raw, &obj); err != nil {
		return admission.Errored(http.StatusBadRequest, err)
	}
	spec, ok := obj["spec"].(map[string]any)
	if !ok {
		return admission.Denied("spec: Required value")
	}
	if _, scaled := spec["autoscaling"]; !scaled {
		setDefault(spec, "replicas", 1)
	}
	setDefault(spec, "port", 8080)
	image, _ := spec["image"].(string)
	if strings.HasSuffix(image, ":latest") || !strings.Contains(image[strings.LastIndex(image, "/")+1:], ":") {
		setDefault(spec, "imagePullPolicy", "Always")
	} else {
		setDefault(spec, "imagePullPolicy", "IfNotPresent")
	}
	service := child(spec, "service")
	setDefault(service, "type", "ClusterIP")
	setDefault(service, "port", 80)
	resources := child(spec, "resources")
	setDefault(child(resources, "requests"), "cpu", "100m")
	setDefault(child(resources, "requests"), "memory", "64Mi")
	setDefault(child(resources, "limits"), "cpu", "1")
	setDefault(child(resources, "limits"), "memory", "256Mi")
	probes := child(spec, "probes")
	probe(probes, "liveness", "/healthz", 10, 3)
	probe(probes, "readiness", "/readyz", 5, 3)
	probe(probes, "startup", "/healthz", 2, 30)
	rust := child(spec, "rust")
	setDefault(rust, "logLevel", "info")
	setDefault(rust, "backtrace", "1")
	setDefault(rust, "workerThreads", "auto")
	rollout := child(spec, "rollout")
	setDefault(rollout, "maxSurge", "25%")
	setDefault(rollout, "maxUnavailable", 0)
	setDefault(rollout, "progressDeadlineSeconds", 600)
	setDefault(rollout, "autoRollback", true)
	setDefault(rollout, "revisionHistoryLimit", 10)
	shutdown := child(spec, "shutdown")
	setDefault(shutdown, "terminationGracePeriodSeconds", 30)
	setDefault(shutdown, "preStopSleepSeconds", 5)
	security := child(spec, "securityContext")
	setDefault(security, "runAsNonRoot", true)
	setDefault(security, "readOnlyRootFilesystem", true)
	setDefault(security, "allowPrivilegeEscalation", false)
	setDefault(security, "capabilities", map[string]any{"drop": []any{"ALL"}})
	setDefault(security, "seccompProfile", map[string]any{"type": "RuntimeDefault"})
	mutated, err := json.Marshal(obj)
	if err != nil {
		return admission.Errored(http.StatusInternalServerError, err)
	}
	return admission.PatchResponseFromRaw(req.Object.Raw, mutated)
}

type validator struct{}

// Handle checks what the Java webhook's cheapest rules check; it does less than the Java webhook
// (no schema, no policies), so the comparison favours the peer.
func (validator) Handle(_ context.Context, req admission.Request) admission.Response {
	var obj struct {
		Spec *struct {
			Image    string `json:"image"`
			Replicas *int   `json:"replicas"`
			Port     *int   `json:"port"`
		} `json:"spec"`
	}
	if err := json.Unmarshal(req.Object.Raw, &obj); err != nil {
		return admission.Errored(http.StatusBadRequest, err)
	}
	switch {
	case obj.Spec == nil:
		return admission.Denied("spec: Required value")
	case obj.Spec.Image == "":
		return admission.Denied("spec.image: Required value")
	case obj.Spec.Replicas != nil && *obj.Spec.Replicas < 0:
		return admission.Denied("spec.replicas: must be at least 0")
	case obj.Spec.Port != nil && (*obj.Spec.Port < 1 || *obj.Spec.Port > 65535):
		return admission.Denied("spec.port: must be between 1 and 65535")
	}
	return admission.Allowed("")
}

func child(parent map[string]any, key string) map[string]any {
	if existing, ok := parent[key].(map[string]any); ok {
		return existing
	}
	created := map[string]any{}
	parent[key] = created
	return created
}

func setDefault(m map[string]any, key string, value any) {
	if _, ok := m[key]; !ok {
		m[key] = value
	}
}

func probe(probes map[string]any, name, path string, period, failures int) {
	p := child(probes, name)
	if _, ok := p["httpGet"]; !ok {
		p["httpGet"] = map[string]any{"path": path, "port": "http"}
	}
	setDefault(p, "periodSeconds", period)
	setDefault(p, "timeoutSeconds", 1)
	setDefault(p, "failureThreshold", failures)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:9443", "listen address")
	cert := flag.String("cert", "", "PEM certificate")
	key := flag.String("key", "", "PEM key")
	flag.Parse()
	http.Handle("/mutate", &admission.Webhook{Handler: defaulter{}})
	http.Handle("/validate", &admission.Webhook{Handler: validator{}})
	log.Fatal(http.ListenAndServeTLS(*addr, *cert, *key, nil))
}
