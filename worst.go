package postage

// severity orders results for a message with several recipients: a fail
// outweighs a temperror, which outweighs no postage, which outweighs a pass.
func (r Result) severity() int {
	switch r {
	case Pass:
		return 0
	case Neutral:
		return 1
	case TempError:
		return 2
	}
	return 3
}

// Worst returns the verdict that decides for one message with several
// recipients (the first of equally bad ones), or the zero Verdict if vs is
// empty. A delivery filter's exit code and a milter's action follow it.
func Worst(vs []Verdict) Verdict {
	var w Verdict
	for i, v := range vs {
		if i == 0 || v.Result.severity() > w.Result.severity() {
			w = v
		}
	}
	return w
}
