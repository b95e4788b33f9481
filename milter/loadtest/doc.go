// Package loadtest measures the milter under load: go-milter's client plays
// concurrent MTA connections over loopback TCP and reports messages per
// second and latency percentiles for work-only, stake-only (deposit state
// cached by the event watcher, as in production) and mixed traffic.
//
//	go test -run '^$' -bench . -benchtime 20000x ./milter/loadtest
//	go test -run '^$' -bench . -benchtime 20000x ./milter/loadtest -args -conc 64
//
// The milter runs in the test process with the spent store on bbolt (in
// the test's temporary directory) and the embedded chain on loopback, its
// log formatted and discarded, and its metrics recorded.
package loadtest
