// Command contact is the Lambda function behind POST /api/contact: package function wires it (its doc lists the
// environment it reads) and package forms handles the requests. Without AWS_LAMBDA_RUNTIME_API it serves HTTP on
// ADDR (default 127.0.0.1:8080), for debugging.
package main

import (
	_ "time/tzdata" // al2023 has no zone database; deadlines are in Europe/Rome

	"quartieri/internal/function"
)

func main() { function.Main(function.Contact) }
