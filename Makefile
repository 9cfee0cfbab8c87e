# The test command of README.md: installs what the tests need, then runs every test.
SHELL := /bin/bash
export QUARTIERI_REQUIRE_SERVERS := 1

.PHONY: test deps serve build lambda bench

# Go tools at pinned versions, installed into .bin/ (ignored by git) with the version in the name.
STATICCHECK := $(CURDIR)/.bin/staticcheck-v0.8.2

test: deps
	go vet ./...
	$(STATICCHECK) ./...
	@go mod tidy -diff || { echo "go.mod is not tidy: run go mod tidy" >&2; exit 1; }
	go test -count=1 ./...

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

# lambda builds each function's bootstrap for provided.al2023 on arm64, zipped with site.yaml beside it.
lambda:
	@for f in applications contact; do \
	  mkdir -p dist/$$f && \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -trimpath -ldflags='-s -w' -o dist/$$f/bootstrap ./functions/$$f && \
	  cp site.yaml dist/$$f/ && (cd dist/$$f && rm -f ../$$f.zip && zip -q ../$$f.zip bootstrap site.yaml) && \
	  ls -l dist/$$f/bootstrap; \
	done

bench:
	go test -run '^$$' -bench . -benchmem ./generator/... ./internal/...
