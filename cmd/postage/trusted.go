package main

import (
	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/stake"
)

// namedContracts are the contracts the message's stake stamps name.
func namedContracts(headers []string) map[postage.ContractRef]bool {
	out := map[postage.ContractRef]bool{}
	for _, st := range stake.Find(headers).Stamps {
		out[postage.ContractRef{ChainID: st.ChainID, Address: st.Contract}] = true
	}
	return out
}
