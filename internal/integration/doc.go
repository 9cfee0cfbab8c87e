// Package integration tests the form backend against real protocol servers, never mocks: gofakes3 (S3, in
// process), dynalite (DynamoDB) and aws-ses-v2-local (SES v2), both started from tools/node_modules, and the real
// Lambda bootstrap of each function under the AWS Lambda Runtime Interface Emulator, invoked with API Gateway v2
// events.
//
// The tests skip with a message when node or tools/node_modules is missing, and fail instead when
// QUARTIERI_REQUIRE_SERVERS=1 (as `make test` sets). Run them with:
//
//	go test ./internal/integration/ -v
package integration
