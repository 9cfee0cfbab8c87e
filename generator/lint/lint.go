// Package lint checks a page's Markdown for accessibility mistakes and measures how easy its prose is to read.
//
// The builder parses each page once with goldmark and hands the AST to this package. Page returns one
// diag.Error per mistake, each with the file, the line and a plain-Italian message that says how to fix it:
//
//   - an image with no alternative text, or with an alternative text that is only a file name ("foto.jpg") or a
//     generic word ("immagine", "foto");
//   - a skipped heading level: the page title is the only h1, so the body starts at "##"; a "#" in the body is an
//     error, and so is going from "##" straight to "####";
//   - a link whose text says nothing about where it leads ("clicca qui", "qui", "leggi di più", "link", "here"...,
//     compared without case, accents or punctuation), a link with no text, and a link whose text is a bare address
//     (https://..., www....), autolinks included;
//   - a table whose header row is empty;
//   - a call block (package callstatus) with an unknown phase or without its closing ":::" line, a ":::" line
//     that opens nothing (inside another block, or a closing line too many), and a value between braces that
//     the theme does not know ("{scadenza}" is known, "{scadenzza}" is not).
//
// Refs lists every link and image destination with its line, for the builder's broken-link check and for
// `check`'s list of external links. Readable and GulpeaseText compute the Gulpease index; see GulpeaseText for the
// counting rules.
package lint

import (
	"github.com/yuin/goldmark/ast"

	"quartieri/generator/callstatus"
	"quartieri/generator/diag"
)

// Input is one page as the builder has parsed it.
type Input struct {
	// File is the page's path relative to the source root, e.g. content/servizi/x.md.
	File string
	// Source is the Markdown body after the front matter: the bytes the AST's segments point into.
	Source []byte
	// FirstLine is the line of File on which Source's first line stands (1-based).
	FirstLine int
	// Doc is the goldmark AST of Source.
	Doc ast.Node
	// Title is the page's title from the front matter, which the theme shows as the page's only h1.
	Title string
	// TitleOf, if not nil, returns the title of the page a link destination leads to ("" for none), so that
	// the message about a vague link text can suggest a text that says where that link leads.
	TitleOf func(dest string) string
}

// Page runs every accessibility check on the page and returns its errors in document order.
func Page(in Input) diag.List {
	if in.Doc == nil {
		return nil
	}
	c := &checker{in: in, prevLevel: 1}
	_ = ast.Walk(in.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		c.visit(n)
		return ast.WalkContinue, nil
	})
	return c.out
}

// checker holds the state of one walk over a page.
type checker struct {
	in        Input
	lines     *lineIndex // built on the first error: most pages have none
	out       diag.List
	prevLevel int    // level of the last heading seen; the title counts as level 1
	buf       []byte // reused for link texts
}

func (c *checker) errorf(n ast.Node, msg string) {
	if c.lines == nil {
		x := newLineIndex(c.in.Source, c.in.FirstLine)
		c.lines = &x
	}
	c.out = append(c.out, diag.Diagnostic{File: c.in.File, Line: c.lines.of(n), Severity: diag.Error, Message: msg})
}

func (c *checker) visit(n ast.Node) {
	if n.Type() == ast.TypeBlock && n.Kind() != ast.KindCodeBlock && n.Kind() != ast.KindFencedCodeBlock &&
		n.Kind() != ast.KindHTMLBlock {
		c.textLines(n)
	}
	switch n := n.(type) {
	case *ast.Heading:
		c.heading(n)
	case *ast.Image:
		c.image(n)
	case *ast.Link:
		c.link(n)
	case *ast.AutoLink:
		c.autoLink(n)
	case *callstatus.Block:
		c.callBlock(n)
	default:
		if isTable(n) {
			c.table(n)
		}
	}
}
