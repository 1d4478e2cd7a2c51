// A tiny HTTP server that the real-node tests build into an image and run in a pod.
module rustapp.dev/hack/tools/podcheck

go 1.26.0
