#!/bin/sh
# gen.sh regenerates every artifact under contracts/ from the Solidity sources:
# the ABI and bytecode (solc-js 0.8.37 from npm, see compile.js) and the Go
# bindings (go-ethereum's abigen v2, pinned as a tool in go.mod). The outputs
# are committed so that go build and go test never need node.
#
#   contracts/gen.sh            (needs contracts/node_modules: npm ci)
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules/solc ]; then
	echo "gen.sh: contracts/node_modules/solc is missing; run: (cd contracts && npm ci)" >&2
	exit 1
fi
node compile.js

abigen() { go tool abigen --v2 --pkg contracts "$@"; }
# The deployed contract: part of the package.
abigen --abi build/Postage.abi --bin build/Postage.bin --type Postage --out postage.go
# The ticket book of the deniable stake mode (docs/deniable.md).
abigen --abi build/TicketBook.abi --bin build/TicketBook.bin --type TicketBook --out ticketbook.go
# Test-only contracts: the sketch port (gas baseline) and a smart-wallet
# receiver; bound into _test.go files so they never reach the package.
abigen --abi testdata/build/Sketch.abi --bin testdata/build/Sketch.bin --type Sketch --out sketch_binding_test.go
abigen --abi testdata/build/Wallet.abi --bin testdata/build/Wallet.bin --type Wallet --out wallet_binding_test.go
abigen --abi testdata/build/BookBuyer.abi --bin testdata/build/BookBuyer.bin --type BookBuyer --out bookbuyer_binding_test.go
