//go:build race

package ticketbook_test

// raceBuild: under the race detector the simulation runs 2,000 tickets per
// recipient (the plain test run plays the full 10,000).
const raceBuild = true
