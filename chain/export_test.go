package chain

// AsRevert exposes asRevert to the external tests.
func AsRevert(c *Contract, err error) error { return asRevert(c.abi, err) }
