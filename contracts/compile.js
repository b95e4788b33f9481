// compile.js compiles the Solidity sources with the solc-js pinned in
// package.json (exactly 0.8.37) through standard JSON input, so every
// setting that changes the bytecode is written down here and nowhere else.
// It writes build/<Name>.abi, build/<Name>.bin and build/<Name>.input.json
// (the exact standard JSON input, for source verification) for each contract.
//
//   node compile.js        (run from contracts/; gen.sh does it)
//
// Any compiler error fails. Warnings fail for src/ (the deployed contract)
// and are printed for testdata/ (the sketch port keeps its flaws on purpose).
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const WANT_SOLC = '0.8.37';
// cancun: MCOPY and transient storage exist, and it runs on every chain the
// project targets (go-ethereum's simulated backend, geth 1.17.8 --dev,
// mainnet and the usual rollups). Newer targets would add nothing we use.
const EVM_VERSION = 'cancun';

// [source file, contract name, output directory, strict (warnings fail)]
const UNITS = [
  ['src/Postage.sol', 'Postage', 'build', true],
  ['src/TicketBook.sol', 'TicketBook', 'build', true],
  ['testdata/Sketch.sol', 'Sketch', 'testdata/build', false],
  ['testdata/Wallet.sol', 'Wallet', 'testdata/build', false],
  ['testdata/BookBuyer.sol', 'BookBuyer', 'testdata/build', false],
];

function settings() {
  return {
    optimizer: { enabled: true, runs: 1000000 },
    viaIR: true,
    evmVersion: EVM_VERSION,
    // No metadata hash in the bytecode: the bytecode then depends only on
    // the source and these settings, so regenerating gives no diff.
    metadata: { bytecodeHash: 'none', appendCBOR: false },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  };
}

function main() {
  const version = solc.version();
  if (!version.startsWith(WANT_SOLC + '+')) {
    throw new Error(`solc ${version} loaded, want exactly ${WANT_SOLC} (run npm ci)`);
  }
  let failed = false;
  for (const [file, name, outDir, strict] of UNITS) {
    const input = {
      language: 'Solidity',
      sources: { [file]: { content: fs.readFileSync(file, 'utf8') } },
      settings: settings(),
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    for (const e of output.errors || []) {
      const fatal = e.severity === 'error' || (strict && e.severity === 'warning');
      process.stderr.write((fatal ? '' : '(ignored) ') + e.formattedMessage + '\n');
      if (fatal) failed = true;
    }
    if (failed) continue;
    const c = output.contracts[file][name];
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi, null, 1) + '\n');
    fs.writeFileSync(path.join(outDir, name + '.bin'), c.evm.bytecode.object + '\n');
    fs.writeFileSync(path.join(outDir, name + '.input.json'), JSON.stringify(input, null, 1) + '\n');
  }
  if (failed) throw new Error('compilation failed');
}

try {
  main();
} catch (err) {
  process.stderr.write('compile.js: ' + err.message + '\n');
  process.exit(1);
}
