package codicefiscale

import "fmt"

// Example returns a well-formed personal code for the number n (0 ≤ n < 26⁶·100), with a right check letter. It
// is for tests and benchmarks that need many distinct valid codes; it is nobody's code.
func Example(n int) string {
	var b [15]byte
	m := n / 100
	for i := 5; i >= 0; i-- {
		b[i] = byte('A' + m%26)
		m /= 26
	}
	s := fmt.Sprintf("%s%02d%c%02dZ%03d", b[:6], n%100, months[n%12], 1+n%28, n%1000)
	return s + string(CheckChar(s))
}
