package integration

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// template is deploy/template.yaml as a YAML tree: CloudFormation's short tags (!Ref, !Sub, !GetAtt, !If...)
// stay on the nodes, where the generic decoders would reject them.
type template struct{ root *yaml.Node }

func loadTemplate(t *testing.T) template {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "deploy", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("deploy/template.yaml: %v", err)
	}
	return template{doc.Content[0]}
}

// get follows map keys from n; nil when one is missing.
func get(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}

// resource returns the resource's Properties, failing when the resource is not of type typ.
func (tp template) resource(t *testing.T, id, typ string) *yaml.Node {
	t.Helper()
	r := get(tp.root, "Resources", id)
	if r == nil {
		t.Fatalf("template: no resource %s", id)
	}
	if got := get(r, "Type").Value; got != typ {
		t.Fatalf("template: %s is %s, want %s", id, got, typ)
	}
	return get(r, "Properties")
}

// resourcesOf returns the ids of the resources of type typ, sorted.
func (tp template) resourcesOf(typ string) []string {
	var ids []string
	res := get(tp.root, "Resources")
	for i := 0; i+1 < len(res.Content); i += 2 {
		if get(res.Content[i+1], "Type").Value == typ {
			ids = append(ids, res.Content[i].Value)
		}
	}
	sort.Strings(ids)
	return ids
}

// expr renders a value compactly for comparison: scalars as they are, intrinsic functions as "!Tag arg"
// (sequences in brackets, mappings in braces).
func expr(n *yaml.Node) string {
	if n == nil {
		return "<nil>"
	}
	tag := ""
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		tag = n.Tag + " "
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return tag + n.Value
	case yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, expr(c))
		}
		return tag + "[" + strings.Join(parts, ", ") + "]"
	case yaml.MappingNode:
		if len(n.Content) == 2 && strings.HasPrefix(n.Content[0].Value, "Fn::") || len(n.Content) == 2 && n.Content[0].Value == "Ref" {
			return "!" + strings.TrimPrefix(n.Content[0].Value, "Fn::") + " " + expr(n.Content[1])
		}
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, n.Content[i].Value+": "+expr(n.Content[i+1]))
		}
		return tag + "{" + strings.Join(parts, ", ") + "}"
	}
	return tag + n.Value
}

// list returns the items of a sequence, or the node itself when it is not one (IAM takes both).
func list(n *yaml.Node) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode && !strings.HasPrefix(n.Tag, "!") || n.Tag == "!!seq" {
		return n.Content
	}
	return []*yaml.Node{n}
}

// mapping returns a mapping node's keys and values in order.
func mapping(n *yaml.Node) map[string]*yaml.Node {
	m := map[string]*yaml.Node{}
	if n == nil {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i+1]
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestTemplateParses(t *testing.T) {
	tp := loadTemplate(t)
	if got := get(tp.root, "Transform").Value; got != "AWS::Serverless-2016-10-31" {
		t.Errorf("Transform = %q", got)
	}
	if fns := tp.resourcesOf("AWS::Serverless::Function"); strings.Join(fns, ",") != "ApplicationsFunction,ContactFunction" {
		t.Errorf("functions = %v", fns)
	}
}
