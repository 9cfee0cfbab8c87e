# The test command of README.md: installs what the tests need, then runs every test.
SHELL := /bin/bash
export QUARTIERI_REQUIRE_SERVERS := 1

.PHONY: test deps serve build lambda bench lint-template build-ApplicationsFunction build-ContactFunction

# Go tools at pinned versions, installed into .bin/ (ignored by git) with the version in the name.
STATICCHECK := $(CURDIR)/.bin/staticcheck-v0.8.2

test: deps lint-template
	go vet ./...
	$(STATICCHECK) ./...
	@go mod tidy -diff || { echo "go.mod is not tidy: run go mod tidy" >&2; exit 1; }
	go test -count=1 ./...

# lint-template checks the AWS SAM template (cfn-lint with the SAM translator); without cfn-lint it fails when
# QUARTIERI_REQUIRE_SERVERS is set (as here), and is skipped otherwise.
lint-template:
	@if command -v cfn-lint >/dev/null; then cfn-lint deploy/template.yaml && echo "cfn-lint deploy/template.yaml: no findings"; \
	elif [ -n "$$QUARTIERI_REQUIRE_SERVERS" ]; then echo "cfn-lint is missing: pip install cfn-lint" >&2; exit 1; \
	else echo "cfn-lint is missing: deploy/template.yaml not checked"; fi

# deps installs the real servers and checkers the tests talk to: npm packages from the committed lock file and
# Debian's Chromium where it is missing.
deps: tools/node_modules/.installed $(STATICCHECK)
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# npm ci runs only when node_modules is missing or older than the lock file.
tools/node_modules/.installed: tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STATICCHECK):
	GOBIN=$(CURDIR)/.bin go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	mv $(CURDIR)/.bin/staticcheck $@

serve:
	go run ./generator serve

build:
	go run ./generator build

# function-artifacts puts function $(1)'s bootstrap (provided.al2023 on arm64) and site.yaml in folder $(2).
define function-artifacts
	mkdir -p $(2)
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o $(2)/bootstrap ./functions/$(1)
	cp site.yaml $(2)/site.yaml
endef

# lambda builds each function's artifacts in dist/, zipped.
lambda:
	$(call function-artifacts,applications,dist/applications)
	$(call function-artifacts,contact,dist/contact)
	@for f in applications contact; do (cd dist/$$f && rm -f ../$$f.zip && zip -q ../$$f.zip bootstrap site.yaml) && ls -l dist/$$f/bootstrap; done

# sam build (BuildMethod: makefile in deploy/template.yaml) runs these with ARTIFACTS_DIR set.
build-ApplicationsFunction:
	$(call function-artifacts,applications,$(ARTIFACTS_DIR))

build-ContactFunction:
	$(call function-artifacts,contact,$(ARTIFACTS_DIR))

bench:
	go test -run '^$$' -bench . -benchmem ./generator/... ./internal/...
