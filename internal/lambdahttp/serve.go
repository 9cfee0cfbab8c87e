package lambdahttp

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"quartieri/internal/httplimit"
)

// limits bound the local HTTP mode; tests make them small.
var limits = httplimit.Defaults

// Serve runs h until ctx ends: under the Lambda runtime when AWS_LAMBDA_RUNTIME_API is set (the runtime never
// returns; ORIGIN_SECRET, when set, is Options.OriginSecret), otherwise as a plain HTTP server on ADDR (default
// 127.0.0.1:8080), for debugging a function locally.
func Serve(ctx context.Context, h http.Handler, getenv func(string) string, logger *slog.Logger) error {
	if getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		opts := Options{OriginSecret: getenv(OriginSecretEnv)}
		lambda.StartWithOptions(opts.Handler(h), lambda.WithContext(ctx))
		return nil
	}
	addr := getenv("ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	// Slow or stalled uploads are dropped, and connections bounded (package httplimit); on Lambda, API Gateway
	// buffers the request instead.
	srv := httplimit.Server(h, limits)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	logger.Info("listening", "addr", addr)
	if err := srv.Serve(httplimit.Listener(ln, limits.MaxConns)); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
