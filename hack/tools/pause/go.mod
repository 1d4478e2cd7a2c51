// The pod sandbox ("pause") program, built here because the usual image cannot be pulled.
module rustapp.dev/hack/tools/pause

go 1.26.0
