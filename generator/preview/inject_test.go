package preview

import "testing"

func TestInject(t *testing.T) {
	tests := []struct {
		page, want string
	}{
		{"<html><body><p>Ciao</p></body></html>", "<html><body><p>Ciao</p>" + scriptTag + "</body></html>"},
		{"<BODY>x</BODY>", "<BODY>x" + scriptTag + "</BODY>"},
		{"<body><pre>&lt;/body&gt;</pre></Body>\n", "<body><pre>&lt;/body&gt;</pre>" + scriptTag + "</Body>\n"},
		{"<p>a</body><p>b</body>", "<p>a</body><p>b" + scriptTag + "</body>"},
		{"<p>senza body</p>", "<p>senza body</p>" + scriptTag},
		{"", scriptTag},
	}
	for _, tt := range tests {
		page := []byte(tt.page)
		if got := string(inject(page)); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.page, got, tt.want)
		}
		if string(page) != tt.page {
			t.Errorf("inject(%q) changed its input to %q", tt.page, page)
		}
	}
}
