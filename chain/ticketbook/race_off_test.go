//go:build !race

package ticketbook_test

const raceBuild = false
