package integration

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"go.yaml.in/yaml/v3"

	"quartieri/internal/awsstore"
)

// parseDir parses the non-test Go files of dir.
func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// envRead returns the environment variables that the code of a function reads: the string constants passed to
// getenv or os.Getenv / os.LookupEnv in the module's packages the function imports.
func envRead(t *testing.T, root, fn string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-C", root, "-deps", "-f", "{{if not .Standard}}{{.ImportPath}} {{.Dir}}{{end}}", "./functions/"+fn).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	names := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, dir, _ := strings.Cut(line, " ")
		if path != "quartieri" && !strings.HasPrefix(path, "quartieri/") {
			continue
		}
		files := parseDir(t, dir)
		consts := map[string]string{}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if vs, ok := n.(*ast.ValueSpec); ok {
					for i, id := range vs.Names {
						if i < len(vs.Values) {
							if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
								consts[id.Name], _ = strconv.Unquote(lit.Value)
							}
						}
					}
				}
				return true
			})
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				switch fun := call.Fun.(type) {
				case *ast.Ident:
					if fun.Name != "getenv" {
						return true
					}
				case *ast.SelectorExpr:
					if x, ok := fun.X.(*ast.Ident); !ok || x.Name != "os" || (fun.Sel.Name != "Getenv" && fun.Sel.Name != "LookupEnv") {
						return true
					}
				default:
					return true
				}
				switch a := call.Args[0].(type) {
				case *ast.BasicLit:
					s, _ := strconv.Unquote(a.Value)
					names[s] = true
				case *ast.Ident:
					if s, ok := consts[a.Name]; ok {
						names[s] = true
					} else {
						t.Errorf("%s: getenv(%s): not a constant this test can read", path, a.Name)
					}
				default:
					t.Errorf("%s: getenv with a computed name: this test cannot check it against the template", path)
				}
				return true
			})
		}
	}
	return sortedKeys(names)
}

// notSetOnAWS are variables the code reads that the template must not set, and why.
var notSetOnAWS = map[string]string{
	"AWS_LAMBDA_RUNTIME_API": "set by Lambda itself",
	"ADDR":                   "only for serving HTTP outside Lambda",
	"SITE_CONFIG":            "site.yaml travels beside bootstrap",
	"AWS_S3_USE_PATH_STYLE":  "for local S3 servers",
	"AWS_ENDPOINT_URL":       "for local servers",
	"AWS_ENDPOINT_URL_S3":    "for local servers",
	"SES_CONFIGURATION_SET":  "optional; the template creates none",
}

// otherFunctions are the resource names a function must not get: each function's role reaches its own table only.
var otherFunctions = map[string][]string{
	"applications": {"CONTACT_TABLE"},
	"contact":      {"APPLICATIONS_TABLE", "CV_BUCKET", "CV_KMS_KEY_ID"},
}

// TestTemplateEnvironment: each function gets every variable its code reads (but those of notSetOnAWS and the
// other function's resources), and nothing the code does not read.
func TestTemplateEnvironment(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	tp := loadTemplate(t)
	for _, id := range tp.resourcesOf("AWS::Serverless::Function") {
		fn := functionDir(id)
		read := envRead(t, root, fn)
		if !slices.Contains(read, "FORM_SECRET") || !slices.Contains(read, "ORIGIN_SECRET") {
			t.Fatalf("%s reads %v: the scan missed FORM_SECRET or ORIGIN_SECRET", fn, read)
		}
		env := mapping(get(tp.resource(t, id, "AWS::Serverless::Function"), "Environment", "Variables"))
		for _, name := range sortedKeys(env) {
			if !slices.Contains(read, name) {
				t.Errorf("%s: the template sets %s, which the code never reads", id, name)
			}
		}
		for _, name := range read {
			_, set := env[name]
			excluded := notSetOnAWS[name] != "" || slices.Contains(otherFunctions[fn], name)
			if !set && !excluded {
				t.Errorf("%s: the code reads %s, which the template does not set", id, name)
			}
			if set && excluded {
				t.Errorf("%s: the template sets %s, which it must not (%s)", id, name, cmpOr(notSetOnAWS[name], "the other function's resource"))
			}
		}
		for _, secret := range []string{"FORM_SECRET", "ORIGIN_SECRET"} {
			if v := env[secret]; v == nil || !strings.Contains(v.Value, "{{resolve:secretsmanager:") {
				t.Errorf("%s: %s is %s, want a Secrets Manager reference (never a value in the template)", id, secret, expr(v))
			}
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// recordingDynamo is a DynamoAPI that records the attributes of the items and keys awsstore sends.
type recordingDynamo struct {
	keys  map[string]string // attribute name -> type of the keys of GetItem and UpdateItem
	items map[string]string // attribute name -> type of the items of PutItem
}

func attrType(v types.AttributeValue) string {
	switch v.(type) {
	case *types.AttributeValueMemberS:
		return "S"
	case *types.AttributeValueMemberN:
		return "N"
	}
	return "other"
}

func (d *recordingDynamo) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	for k, v := range in.Item {
		d.items[k] = attrType(v)
	}
	return &dynamodb.PutItemOutput{}, nil
}

func (d *recordingDynamo) GetItem(_ context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	for k, v := range in.Key {
		d.keys[k] = attrType(v)
	}
	return &dynamodb.GetItemOutput{}, nil
}

func (d *recordingDynamo) UpdateItem(_ context.Context, in *dynamodb.UpdateItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	for k, v := range in.Key {
		d.keys[k] = attrType(v)
	}
	return &dynamodb.UpdateItemOutput{}, nil
}

// TestTemplateTables: the tables' key schema is the key awsstore addresses items by, TTL is on the number
// attribute awsstore writes as expiry, and each table is on-demand, recoverable, protected and encrypted.
func TestTemplateTables(t *testing.T) {
	d := &recordingDynamo{keys: map[string]string{}, items: map[string]string{}}
	r := &awsstore.DynamoRecords{Client: d, Applications: "a", Contact: "c"}
	ctx := context.Background()
	if _, _, err := r.Claim(ctx, "key", "K7M4-PX2Q", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.GetApplication(ctx, "K7M4-PX2Q"); err != nil {
		t.Fatal(err)
	}
	if err := r.NoteMail(ctx, "K7M4-PX2Q", "staff", "sent"); err != nil {
		t.Fatal(err)
	}
	if len(d.keys) != 1 {
		t.Fatalf("awsstore addresses items by %v: this test expects one hash key", d.keys)
	}
	var keyName string
	for k := range d.keys {
		keyName = k
	}
	ttl := ""
	for k, typ := range d.items {
		if strings.Contains(k, "expire") && typ == "N" {
			ttl = k
		}
	}
	if ttl == "" {
		t.Fatalf("no numeric expiry attribute in the items awsstore writes: %v", d.items)
	}
	tp := loadTemplate(t)
	tables := tp.resourcesOf("AWS::DynamoDB::Table")
	if strings.Join(tables, ",") != "ApplicationsTable,ContactTable" {
		t.Errorf("tables = %v", tables)
	}
	want := map[string]string{
		"KeySchema":                        "[{AttributeName: " + keyName + ", KeyType: HASH}]",
		"AttributeDefinitions":             "[{AttributeName: " + keyName + ", AttributeType: " + d.keys[keyName] + "}]",
		"TimeToLiveSpecification":          "{AttributeName: " + ttl + ", Enabled: true}",
		"BillingMode":                      "PAY_PER_REQUEST",
		"DeletionProtectionEnabled":        "true",
		"SSESpecification":                 "{SSEEnabled: true}",
		"PointInTimeRecoverySpecification": "{PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7}",
	}
	for _, id := range tables {
		props := tp.resource(t, id, "AWS::DynamoDB::Table")
		for _, k := range sortedKeys(want) {
			if got := expr(get(props, k)); got != want[k] {
				t.Errorf("%s %s = %s, want %s", id, k, got, want[k])
			}
		}
		if got := get(tp.root, "Resources", id, "DeletionPolicy").Value; got != "Retain" {
			t.Errorf("%s DeletionPolicy = %q, want Retain", id, got)
		}
	}
}

// sdkOps returns, per interface declared in awsstore, the SDK operations its methods are ("dynamodb:PutItem"...,
// from the *<service>.<Operation>Input parameter), and every operation whose input awsstore builds anywhere.
func sdkOps(t *testing.T, root string) (byInterface map[string][]string, built map[string]bool) {
	t.Helper()
	byInterface, built = map[string][]string{}, map[string]bool{}
	op := func(e ast.Expr) string {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok || !strings.HasSuffix(sel.Sel.Name, "Input") {
			return ""
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return ""
		}
		return pkg.Name + ":" + strings.TrimSuffix(sel.Sel.Name, "Input")
	}
	for _, f := range parseDir(t, filepath.Join(root, "internal", "awsstore")) {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeSpec:
				if it, ok := n.Type.(*ast.InterfaceType); ok {
					for _, m := range it.Methods.List {
						if ft, ok := m.Type.(*ast.FuncType); ok {
							for _, p := range ft.Params.List {
								if star, ok := p.Type.(*ast.StarExpr); ok {
									if o := op(star.X); o != "" {
										byInterface[n.Name.Name] = append(byInterface[n.Name.Name], o)
									}
								}
							}
						}
					}
				}
			case *ast.CompositeLit:
				if o := op(n.Type); o != "" {
					built[o] = true
				}
			}
			return true
		})
	}
	return byInterface, built
}

// notInFunctions are operations awsstore builds that the functions never run, and who does.
var notInFunctions = map[string]string{
	"dynamodb:Scan":          "the staff command (List), with its own policy StaffReadPolicy",
	"dynamodb:DeleteItem":    "the staff command's cancella (Stores.Erase), with the staff role's erase permissions",
	"s3:DeleteObject":        "the staff command's cancella (Stores.Erase; IAM s3:DeleteObject and s3:DeleteObjectVersion)",
	"s3:ListObjectVersions":  "the staff command's accesso and cancella (Stores.Holdings; IAM s3:ListBucketVersions)",
	"dynamodb:CreateTable":   "tests and local servers (CreateTables)",
	"dynamodb:DescribeTable": "tests and local servers (CreateTables waits)",
}

// iamAction maps an SDK operation to its IAM action.
func iamAction(op string) string {
	svc, name, _ := strings.Cut(op, ":")
	if svc == "sesv2" {
		svc = "ses"
	}
	return svc + ":" + name
}

// storeUse maps each store type of awsstore (DynamoRecords, S3Files, SESMailer) to the SDK interface of its
// Client field and to the environment variables New reads into its literal (S3Files{..., Bucket:
// getenv("CV_BUCKET"), ...}), from the declarations.
func storeUse(t *testing.T, root string) (clientOf map[string]string, envOf map[string][]string) {
	t.Helper()
	clientOf, envOf = map[string]string{}, map[string][]string{}
	for _, f := range parseDir(t, filepath.Join(root, "internal", "awsstore")) {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeSpec:
				if st, ok := n.Type.(*ast.StructType); ok {
					for _, fl := range st.Fields.List {
						for _, name := range fl.Names {
							if id, ok := fl.Type.(*ast.Ident); ok && name.Name == "Client" {
								clientOf[n.Name.Name] = id.Name
							}
						}
					}
				}
			case *ast.CompositeLit:
				typ, ok := n.Type.(*ast.Ident)
				if !ok {
					return true
				}
				ast.Inspect(n, func(m ast.Node) bool {
					if call, ok := m.(*ast.CallExpr); ok && len(call.Args) == 1 {
						if fn, ok := call.Fun.(*ast.Ident); ok && fn.Name == "getenv" {
							if lit, ok := call.Args[0].(*ast.BasicLit); ok {
								v, _ := strconv.Unquote(lit.Value)
								envOf[typ.Name] = append(envOf[typ.Name], v)
							}
						}
					}
					return true
				})
			}
			return true
		})
	}
	for typ := range envOf {
		if clientOf[typ] == "" {
			delete(envOf, typ)
		}
	}
	if len(envOf) < 3 {
		t.Fatalf("stores found in awsstore.New: %v; want the records, files and mailer", envOf)
	}
	return clientOf, envOf
}

// storesOf returns the store types a function uses, seen from its environment: a store whose variables it gets,
// or whose variables are all optional on AWS (the mailer: SES needs no name).
func storesOf(envOf map[string][]string, env map[string]*yaml.Node) []string {
	var out []string
	for typ, vars := range envOf {
		optional := true
		for _, v := range vars {
			if env[v] != nil {
				out = append(out, typ)
				optional = false
				break
			}
			optional = optional && notSetOnAWS[v] != ""
		}
		if optional {
			out = append(out, typ)
		}
	}
	return out
}

// TestTemplateRoles: each function's role allows exactly the SDK operations of the stores it uses (plus
// writing its own log group, and the KMS key of the CVs when one is given), each on that function's resources,
// with no wildcard action and no bare "*" resource.
func TestTemplateRoles(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	byInterface, built := sdkOps(t, root)
	inFunctions := map[string]bool{}
	for _, ops := range byInterface {
		for _, o := range ops {
			inFunctions[o] = true
		}
	}
	for o := range built {
		if !inFunctions[o] && notInFunctions[o] == "" {
			t.Errorf("awsstore calls %s outside the stores' interfaces: give the functions' roles the action or list who calls it in notInFunctions", o)
		}
	}
	clientOf, envOf := storeUse(t, root)
	tp := loadTemplate(t)
	for _, id := range tp.resourcesOf("AWS::Serverless::Function") {
		fn := functionDir(id)
		props := tp.resource(t, id, "AWS::Serverless::Function")
		env := mapping(get(props, "Environment", "Variables"))
		want := map[string]string{} // IAM action -> the resource it must be on
		for _, typ := range storesOf(envOf, env) {
			for _, o := range byInterface[clientOf[typ]] {
				want[iamAction(o)] = ""
			}
		}
		if len(want) == 0 {
			t.Fatalf("%s: it uses no store of awsstore", fn)
		}
		role := strings.TrimSuffix(expr(get(props, "Role")), ".Arn")
		role = strings.TrimPrefix(role, "!GetAtt ")
		policies := list(get(tp.resource(t, role, "AWS::IAM::Role"), "Policies"))
		if len(policies) != 1 {
			t.Fatalf("%s: %d inline policies, want 1", role, len(policies))
		}
		got := map[string][]string{}
		for _, st := range list(get(policies[0], "PolicyDocument", "Statement")) {
			if st.Tag == "!If" {
				if expr(st.Content[0]) != "HasKmsKey" || expr(st.Content[2]) != "!Ref AWS::NoValue" {
					t.Errorf("%s: conditional statement %s", role, expr(st))
					continue
				}
				st = st.Content[1]
				if env["CV_KMS_KEY_ID"] == nil {
					t.Errorf("%s: a KMS statement, but the function gets no CV_KMS_KEY_ID", role)
				}
				if expr(get(st, "Resource")) != "!Ref CvKmsKeyArn" || expr(get(st, "Action")) != "[kms:GenerateDataKey, kms:Decrypt]" {
					t.Errorf("%s: KMS statement %s", role, expr(st))
				}
				continue
			}
			if get(st, "Effect").Value != "Allow" {
				t.Errorf("%s: statement %s is not Allow", role, expr(st))
			}
			for _, a := range list(get(st, "Action")) {
				for _, r := range list(get(st, "Resource")) {
					got[a.Value] = append(got[a.Value], expr(r))
					if strings.Contains(a.Value, "*") || expr(r) == "*" {
						t.Errorf("%s: wildcard in %s on %s", role, a.Value, expr(r))
					}
				}
			}
		}
		if logs := get(props, "LoggingConfig", "LogGroup"); logs == nil {
			t.Errorf("%s: no LoggingConfig.LogGroup", id)
		} else {
			group := strings.TrimPrefix(expr(logs), "!Ref ")
			want["logs:CreateLogStream"], want["logs:PutLogEvents"] = "!GetAtt "+group+".Arn", "!GetAtt "+group+".Arn"
			if days := expr(get(tp.resource(t, group, "AWS::Logs::LogGroup"), "RetentionInDays")); days != "!Ref LogRetentionDays" {
				t.Errorf("%s retention = %s", group, days)
			}
		}
		if _, s3 := want["s3:PutObject"]; s3 && env["CV_KMS_KEY_ID"] == nil {
			t.Errorf("%s stores CVs but gets no CV_KMS_KEY_ID", id)
		}
		for a := range want {
			switch {
			case strings.HasPrefix(a, "dynamodb:"):
				for _, v := range []string{"APPLICATIONS_TABLE", "CONTACT_TABLE"} {
					if ref := env[v]; ref != nil {
						want[a] = "!GetAtt " + strings.TrimPrefix(expr(ref), "!Ref ") + ".Arn"
					}
				}
			case strings.HasPrefix(a, "s3:"):
				want[a] = "!Sub ${" + strings.TrimPrefix(expr(env["CV_BUCKET"]), "!Ref ") + ".Arn}/"
			case strings.HasPrefix(a, "ses:"):
				want[a] = ":identity/"
			}
		}
		if strings.Join(sortedKeys(got), " ") != strings.Join(sortedKeys(want), " ") {
			t.Errorf("%s (%s) allows\n %v\nthe code needs\n %v", role, id, sortedKeys(got), sortedKeys(want))
		}
		for a, resources := range got {
			for _, r := range resources {
				if w := want[a]; w == "" || !strings.Contains(r, w) {
					t.Errorf("%s: %s on %s, want on %s", role, a, r, cmpOr(w, "nothing"))
				}
			}
		}
	}
}
