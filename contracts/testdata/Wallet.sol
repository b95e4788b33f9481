// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IPostage {
    function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) external payable returns (bytes32);
    function burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] calldata proof) external;
    function startWithdrawal(bytes32 id) external;
    function withdraw(bytes32 id) external;
    function startWithdrawals(bytes32[] calldata ids) external;
    function withdrawMany(bytes32[] calldata ids) external;
    function burnBatch(BurnRequest[] calldata requests) external;
}

struct BurnRequest {
    bytes32 id;
    bytes32 secret;
    uint256 index;
    bytes32[] proof;
}

/// @title Wallet: a test-only smart-wallet creator and burn submitter.
/// @notice Its receive() does what a real smart wallet might (writes storage,
/// well above the 2300-gas stipend) and, depending on `mode`, re-enters the
/// deposit contract or refuses the payment. Tests only; never deployed.
contract Wallet {
    /// @notice What receive() does besides recording the payment.
    /// 0: nothing more; 1: re-enter withdraw(id); 2: re-enter burn(id, secret, index, []);
    /// 3: revert; 4: re-enter withdrawMany([id, id]).
    uint8 public mode;
    bytes32 public reentryId;
    bytes32 public reentrySecret;
    uint256 public reentryIndex;

    /// @notice Payments received and their total.
    uint256 public received;
    uint256 public payments;
    /// @notice Re-entry attempts and how many succeeded (the contract must refuse them all).
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;
    /// @notice Revert data of the last refused re-entry.
    bytes public lastReentryError;

    IPostage public immutable postage;

    constructor(IPostage postage_) {
        postage = postage_;
    }

    function setMode(uint8 mode_, bytes32 id, bytes32 secret, uint256 index) external {
        mode = mode_;
        reentryId = id;
        reentrySecret = secret;
        reentryIndex = index;
    }

    function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) external payable returns (bytes32) {
        return postage.makeDeposit{value: msg.value}(root, leaves, bountyPerLeaf);
    }

    function startWithdrawal(bytes32 id) external {
        postage.startWithdrawal(id);
    }

    function withdraw(bytes32 id) external {
        postage.withdraw(id);
    }

    function burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] calldata proof) external {
        postage.burn(id, secret, index, proof);
    }

    function startWithdrawals(bytes32[] calldata ids) external {
        postage.startWithdrawals(ids);
    }

    function withdrawMany(bytes32[] calldata ids) external {
        postage.withdrawMany(ids);
    }

    function burnBatch(BurnRequest[] calldata requests) external {
        postage.burnBatch(requests);
    }

    receive() external payable {
        if (msg.sender != address(postage)) return;
        if (mode == 3) revert("wallet refuses");
        received += msg.value;
        payments += 1;
        if (mode == 1) {
            reentryAttempts += 1;
            try postage.withdraw(reentryId) {
                reentrySuccesses += 1;
            } catch (bytes memory err) {
                lastReentryError = err;
            }
        } else if (mode == 2) {
            reentryAttempts += 1;
            try postage.burn(reentryId, reentrySecret, reentryIndex, new bytes32[](0)) {
                reentrySuccesses += 1;
            } catch (bytes memory err) {
                lastReentryError = err;
            }
        } else if (mode == 4) {
            reentryAttempts += 1;
            bytes32[] memory ids = new bytes32[](2);
            ids[0] = reentryId;
            ids[1] = reentryId;
            // It may return (every id skipped, nothing paid): the test checks
            // that the wallet was paid once.
            try postage.withdrawMany(ids) {
                reentrySuccesses += 1;
            } catch (bytes memory err) {
                lastReentryError = err;
            }
        }
    }
}
