// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface ITicketBook {
    function buy(bytes32 id, bytes32 binding) external payable returns (uint32);
    function claim() external;
}

/// @title BookBuyer: a test-only smart-wallet ticket buyer.
/// @notice Buys tickets and claims its credits; its receive() writes
/// storage (above the 2300-gas stipend) and, by `mode`, re-enters claim or
/// refuses the payment. Tests only; never deployed.
contract BookBuyer {
    /// @notice 0: accept; 1: re-enter claim(); 2: revert.
    uint8 public mode;
    uint256 public received;
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;
    ITicketBook public immutable book;

    constructor(ITicketBook book_) {
        book = book_;
    }

    function setMode(uint8 mode_) external {
        mode = mode_;
    }

    function buy(bytes32 id, bytes32 binding) external payable returns (uint32) {
        return book.buy{value: msg.value}(id, binding);
    }

    function claim() external {
        book.claim();
    }

    receive() external payable {
        received += msg.value;
        if (mode == 1) {
            reentryAttempts++;
            try book.claim() {
                reentrySuccesses++;
            } catch {}
        } else if (mode == 2) {
            revert("BookBuyer refuses payments");
        }
    }
}
