// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Sketch: a straight Solidity port of the Vyper sketch in the seed
/// ("Conditional proof of stake hashcash"), kept only as a gas baseline and
/// as the behaviour the tests show to be broken. Do not deploy.
/// @dev Port notes: Vyper structs are not packed, so the three fields take a
/// slot each; Vyper's sha3 is keccak256; Vyper's send(addr, value) forwards
/// the 2300-gas stipend and reverts on failure, which is Solidity's transfer;
/// `None` assignment is delete. Every hole is kept on purpose.
contract Sketch {
    struct D {
        uint256 withdrawn_at;
        uint256 size;
        address creator;
    }

    mapping(bytes32 => D) public deposits;

    function make_deposit(bytes32 hash) external payable {
        require(deposits[hash].size == 0);
        deposits[hash] = D({withdrawn_at: 0, size: msg.value, creator: msg.sender});
    }

    function delete_deposit(bytes32 secret) external {
        delete deposits[keccak256(abi.encodePacked(secret))];
    }

    function start_withdrawal(bytes32 hash) external {
        require(deposits[hash].creator == msg.sender);
        deposits[hash].withdrawn_at = block.timestamp;
    }

    function withdraw(bytes32 hash) external {
        require(deposits[hash].withdrawn_at <= block.timestamp - 3600);
        payable(deposits[hash].creator).transfer(deposits[hash].size);
        delete deposits[hash];
    }
}
