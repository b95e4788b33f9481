// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Postage: stake deposits for conditional proof-of-stake hashcash
/// @notice A sender (the creator) locks ETH under a Merkle root of leaves, one
/// leaf per mail recipient. A recipient who considers the mail spam publishes
/// its secret with `burn`, which destroys that leaf's share of the deposit for
/// good. The creator gets the rest back through a two-step withdrawal:
/// `startWithdrawal`, wait `delay` seconds, `withdraw`.
///
/// Rules (see contracts/README.md for the state machine):
/// - id = keccak256(abi.encodePacked(creator, root)): ids are namespaced by
///   creator, so nobody can squat another sender's root, and an id is never
///   reusable, not after a full burn and not after withdraw.
/// - A deposit has a fixed value (> 0) and leaf count (1..2^20) set at creation.
///   share = value / leaves; the dust (value % leaves) is never burnable and is
///   returned to the creator at withdraw.
/// - Each leaf burns at most once (bitmap). A burn destroys share - bounty and
///   pays bountyPerLeaf to msg.sender (a relay for recipients without ETH).
///   `burnBatch` skips (BurnSkipped) requests that lost a race (leaf burned
///   first, deposit withdrawn) and pays only for the leaves it burned.
/// - Burns work while Active or Withdrawing, that is until `withdraw` has been
///   executed. `withdraw` works only in a block whose timestamp is strictly
///   greater than unlockAt = withdrawalStartedAt + delay. So during the closed
///   interval [withdrawalStartedAt, unlockAt] no ordering of transactions can
///   let a withdraw beat a burn: recipients always get the full delay. After
///   unlockAt a burn and the withdraw race by block order; that is fair, the
///   recipient has had the whole delay and a client must treat a Withdrawing
///   deposit as no stake at all.
/// - Burned ETH has no way out: no function pays it to anyone. ETH sent to
///   the contract outside makeDeposit is refused (no receive, no fallback);
///   ETH forced in (SELFDESTRUCT, block rewards) cannot be refused and is
///   equally stuck.
/// @dev Storage: two slots per deposit plus one bitmap word per 256 leaves
/// from index 24 on (indices 0..23 live in the deposit's second slot, so a
/// small deposit's burn writes no fresh slot).
contract Postage {
    /// @notice Lifecycle of a deposit. None: the id was never used.
    enum Status {
        None,
        Active,
        Withdrawing,
        Withdrawn
    }

    /// @notice A deposit's state as returned by `getDeposit`.
    /// @param creator the address that made the deposit and alone may withdraw it
    /// @param value the wei locked at creation (never changes)
    /// @param leaves the number of leaves (recipients)
    /// @param bountyPerLeaf the wei paid to whoever submits a burn, out of the leaf's share
    /// @param createdAt the timestamp of the block that created the deposit
    /// @param withdrawalStartedAt the timestamp of startWithdrawal, 0 if not started
    /// @param unlockAt withdrawalStartedAt + delay (withdraw possible strictly after it), 0 if not started
    /// @param burnedLeaves how many leaves have been burned
    /// @param share value / leaves, what each burn takes from the deposit
    /// @param remaining what withdraw pays (or would pay) the creator; 0 once withdrawn
    /// @param status the lifecycle state
    struct DepositInfo {
        address creator;
        uint96 value;
        uint32 leaves;
        uint96 bountyPerLeaf;
        uint64 createdAt;
        uint64 withdrawalStartedAt;
        uint64 unlockAt;
        uint32 burnedLeaves;
        uint96 share;
        uint96 remaining;
        Status status;
    }

    /// @notice One burn of a `burnBatch`.
    /// @param id the deposit id
    /// @param secret the leaf's secret (leaf = keccak256(0x00 ‖ secret))
    /// @param index the leaf's index in the tree
    /// @param proof the leaf's Merkle proof, bottom-up
    struct BurnRequest {
        bytes32 id;
        bytes32 secret;
        uint256 index;
        bytes32[] proof;
    }

    /// @dev Two storage slots. Slot 0 is written once, at creation.
    struct Deposit {
        // slot 0
        address creator;
        uint96 value;
        // slot 1
        uint96 bountyPerLeaf;
        uint40 createdAt;
        uint40 withdrawalStartedAt;
        uint24 leaves;
        uint24 burnedLeaves;
        Status status;
        uint24 lowBurnBits; // burn bits of leaf indices 0..23
    }

    /// @notice Most leaves a deposit may have (proof depth at most 20).
    uint256 public constant MAX_LEAVES = 1 << 20;

    /// @notice Longest withdrawal delay the constructor accepts (100 years).
    uint64 public constant MAX_DELAY = 100 * 365 days;

    /// @dev Leaf indices below this keep their burn bit in Deposit.lowBurnBits.
    uint256 private constant LOW_BITS = 24;

    /// @notice Seconds between startWithdrawal and the earliest withdraw.
    /// withdraw needs block.timestamp > withdrawalStartedAt + delay.
    uint64 public immutable delay;

    mapping(bytes32 id => Deposit) private _deposits;

    /// @dev Burn bits of leaf indices >= LOW_BITS: word index >> 8, bit index & 255.
    mapping(bytes32 id => mapping(uint256 word => uint256 bits)) private _burnBits;

    /// @notice A deposit was made.
    /// @param id keccak256(abi.encodePacked(creator, root))
    /// @param creator the depositor
    /// @param root the Merkle root of the leaves
    /// @param value the wei locked
    /// @param leaves the number of leaves
    /// @param bountyPerLeaf wei paid to the submitter of each burn
    event Deposited(
        bytes32 indexed id, address indexed creator, bytes32 root, uint256 value, uint32 leaves, uint96 bountyPerLeaf
    );

    /// @notice A leaf was burned.
    /// @param id the deposit
    /// @param index the leaf index
    /// @param secret the published secret
    /// @param submitter msg.sender of the burn, who received the bounty
    /// @param burnedAmount wei destroyed (share - bounty)
    /// @param bounty wei paid to the submitter
    event Burned(
        bytes32 indexed id, uint256 index, bytes32 secret, address submitter, uint256 burnedAmount, uint256 bounty
    );

    /// @notice A burnBatch request was skipped: its leaf was burned already
    /// (earlier in the batch, or before it) or its deposit was withdrawn.
    /// Nothing was burned or paid for it.
    /// @param id the deposit
    /// @param index the leaf index
    event BurnSkipped(bytes32 indexed id, uint256 index);

    /// @notice The creator started the withdrawal.
    /// @param id the deposit
    /// @param unlockAt withdraw is possible in blocks with timestamp > unlockAt
    event WithdrawalStarted(bytes32 indexed id, uint64 unlockAt);

    /// @notice The creator withdrew what was left; the deposit is closed for good.
    /// @param id the deposit
    /// @param creator the receiver
    /// @param amount wei paid (value - burnedLeaves * share, dust included)
    event Withdrawn(bytes32 indexed id, address creator, uint256 amount);

    /// @notice The constructor's delay is 0 or above MAX_DELAY.
    error InvalidDelay(uint256 delay, uint256 maxDelay);
    /// @notice makeDeposit without ETH.
    error ZeroValue();
    /// @notice makeDeposit with more ETH than a uint96 holds.
    error ValueTooLarge(uint256 value, uint256 maxValue);
    /// @notice Leaf count 0 or above MAX_LEAVES.
    error InvalidLeafCount(uint256 leaves, uint256 maxLeaves);
    /// @notice value / leaves is 0: burns would destroy nothing.
    error ZeroShare(uint256 value, uint256 leaves);
    /// @notice bountyPerLeaf exceeds value / leaves.
    error BountyTooLarge(uint256 bountyPerLeaf, uint256 share);
    /// @notice The id has been used before (ids are never reused).
    error DepositExists(bytes32 id);
    /// @notice No deposit has this id.
    error UnknownDeposit(bytes32 id);
    /// @notice Only the deposit's creator may do this.
    error NotCreator(bytes32 id, address caller, address creator);
    /// @notice startWithdrawal on a deposit that is already Withdrawing.
    error WithdrawalAlreadyStarted(bytes32 id, uint64 unlockAt);
    /// @notice withdraw before startWithdrawal.
    error WithdrawalNotStarted(bytes32 id);
    /// @notice withdraw too early: it needs block.timestamp > unlockAt.
    error WithdrawalLocked(bytes32 id, uint64 unlockAt, uint64 now_);
    /// @notice The deposit has been withdrawn: nothing can change it any more.
    error DepositWithdrawn(bytes32 id);
    /// @notice Leaf index not below the deposit's leaf count.
    error IndexOutOfRange(bytes32 id, uint256 index, uint256 leaves);
    /// @notice The proof has the wrong number of elements for (index, leaves).
    error ProofLengthMismatch(uint256 index, uint256 leaves, uint256 proofLength);
    /// @notice The secret, index and proof do not lead to the deposit's root.
    error InvalidProof(bytes32 id, uint256 index);
    /// @notice The leaf has been burned already.
    error LeafAlreadyBurned(bytes32 id, uint256 index);
    /// @notice burnBatch, startWithdrawals or withdrawMany with an empty list.
    error EmptyBatch();
    /// @notice Sending ETH failed (the receiver reverted); nothing changed.
    error TransferFailed(address to, uint256 amount);

    /// @param delay_ seconds between startWithdrawal and the earliest withdraw, 1..MAX_DELAY
    constructor(uint64 delay_) {
        if (delay_ == 0 || delay_ > MAX_DELAY) revert InvalidDelay(delay_, MAX_DELAY);
        delay = delay_;
    }

    // ------------------------------------------------------------------
    // Deposits

    /// @notice Locks msg.value under `root` with `leaves` equal shares.
    /// @param root the Merkle root of the leaves (see leafHash and computeRoot)
    /// @param leaves the number of leaves, 1..MAX_LEAVES
    /// @param bountyPerLeaf wei paid to the submitter of each burn, at most value / leaves
    /// @return id keccak256(abi.encodePacked(msg.sender, root))
    function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) external payable returns (bytes32 id) {
        if (msg.value == 0) revert ZeroValue();
        if (msg.value > type(uint96).max) revert ValueTooLarge(msg.value, type(uint96).max);
        if (leaves == 0 || leaves > MAX_LEAVES) revert InvalidLeafCount(leaves, MAX_LEAVES);
        uint256 share;
        unchecked {
            share = msg.value / leaves;
        }
        if (share == 0) revert ZeroShare(msg.value, leaves);
        if (bountyPerLeaf > share) revert BountyTooLarge(bountyPerLeaf, share);

        id = depositId(msg.sender, root);
        Deposit storage d = _deposits[id];
        if (d.creator != address(0)) revert DepositExists(id);

        // Both slots written whole, without Solidity's read-modify-write of
        // packed fields (the layout is Deposit's: see the struct).
        assembly ("memory-safe") {
            sstore(d.slot, or(caller(), shl(160, callvalue())))
            sstore(
                add(d.slot, 1),
                or(or(bountyPerLeaf, shl(96, timestamp())), or(shl(176, leaves), shl(224, 1))) // status Active
            )
        }
        emit Deposited(id, msg.sender, root, msg.value, leaves, bountyPerLeaf);
    }

    // ------------------------------------------------------------------
    // Burns

    /// @notice Burns one leaf of a deposit by its secret: destroys the leaf's
    /// share minus the bounty and pays the bounty to msg.sender.
    /// @dev Works while the deposit is Active or Withdrawing. Reverts
    /// UnknownDeposit, IndexOutOfRange, ProofLengthMismatch, InvalidProof,
    /// DepositWithdrawn, LeafAlreadyBurned (checked in this order).
    /// @param id the deposit
    /// @param secret the leaf's secret; leaf = keccak256(0x00 ‖ secret)
    /// @param index the leaf index, below the deposit's leaf count
    /// @param proof the Merkle proof of the leaf at index, bottom-up (empty for a one-leaf deposit)
    function burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] calldata proof) external {
        uint256 bounty = _burn(id, secret, index, proof, false);
        if (bounty != 0) _send(msg.sender, bounty);
    }

    /// @notice Burns several leaves, of one or several deposits, in one
    /// transaction; the bounties of the leaves actually burned are summed and
    /// paid to msg.sender once, at the end.
    /// @dev A request that lost a race is skipped, not fatal: when its leaf
    /// is already burned (by an earlier request of this batch, or by anyone
    /// before, e.g. a creator front-running a relay on a public mempool) or
    /// its deposit has been withdrawn, it emits BurnSkipped(id, index) and
    /// the batch goes on. A request that is wrong whatever the order of
    /// transactions still reverts the whole batch: UnknownDeposit,
    /// IndexOutOfRange, ProofLengthMismatch, InvalidProof (a relay can
    /// simulate those away, they cannot appear later). Each request emits
    /// exactly one event, Burned or BurnSkipped, in request order. All state
    /// is written before the one payment (checks-effects-interactions); a
    /// receiver that re-enters finds every leaf of the batch burned, and one
    /// that reverts reverts the whole batch (TransferFailed).
    /// @param requests the burns, at least one
    function burnBatch(BurnRequest[] calldata requests) external {
        if (requests.length == 0) revert EmptyBatch();
        uint256 bounty;
        for (uint256 k = 0; k < requests.length; ++k) {
            BurnRequest calldata r = requests[k];
            bounty += _burn(r.id, r.secret, r.index, r.proof, true);
        }
        if (bounty != 0) _send(msg.sender, bounty);
    }

    /// @dev Checks and records one burn and emits Burned; returns the bounty
    /// owed to msg.sender. Sends nothing (effects before interactions). With
    /// skipLost, a burn of a withdrawn deposit or of a burned leaf emits
    /// BurnSkipped and returns 0 instead of reverting (the proof is checked
    /// first either way: only a genuine request is skipped).
    function _burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] calldata proof, bool skipLost)
        private
        returns (uint256 bounty)
    {
        Deposit storage d = _deposits[id];
        Status status = d.status;
        if (status == Status.None) revert UnknownDeposit(id);
        uint256 leaves = d.leaves;
        if (index >= leaves) revert IndexOutOfRange(id, index, leaves);

        address creator = d.creator;
        bytes32 root = computeRoot(leafHash(secret), index, leaves, proof);
        if (depositId(creator, root) != id) revert InvalidProof(id, index);

        if (status == Status.Withdrawn) {
            if (!skipLost) revert DepositWithdrawn(id);
            emit BurnSkipped(id, index);
            return 0;
        }
        if (index < LOW_BITS) {
            uint24 mask = uint24(1 << index);
            uint24 low = d.lowBurnBits;
            if (low & mask != 0) {
                if (!skipLost) revert LeafAlreadyBurned(id, index);
                emit BurnSkipped(id, index);
                return 0;
            }
            d.lowBurnBits = low | mask;
        } else {
            mapping(uint256 => uint256) storage words = _burnBits[id];
            uint256 word = words[index >> 8];
            uint256 mask = 1 << (index & 255);
            if (word & mask != 0) {
                if (!skipLost) revert LeafAlreadyBurned(id, index);
                emit BurnSkipped(id, index);
                return 0;
            }
            words[index >> 8] = word | mask;
        }
        unchecked {
            // at most leaves (< 2^24) bits can ever be set
            d.burnedLeaves += 1;
        }

        bounty = d.bountyPerLeaf;
        uint256 share;
        unchecked {
            share = uint256(d.value) / leaves;
        }
        // bounty <= share was checked at creation
        emit Burned(id, index, secret, msg.sender, share - bounty, bounty);
    }

    // ------------------------------------------------------------------
    // Withdrawal

    /// @notice Starts the creator's withdrawal: withdraw becomes possible
    /// strictly after block.timestamp + delay. Burns stay possible until withdraw.
    /// @param id the deposit
    function startWithdrawal(bytes32 id) external {
        Deposit storage d = _deposits[id];
        Status status = d.status;
        if (status == Status.None) revert UnknownDeposit(id);
        if (d.creator != msg.sender) revert NotCreator(id, msg.sender, d.creator);
        if (status == Status.Withdrawing) {
            revert WithdrawalAlreadyStarted(id, uint64(d.withdrawalStartedAt) + delay);
        }
        if (status == Status.Withdrawn) revert DepositWithdrawn(id);

        d.withdrawalStartedAt = uint40(block.timestamp);
        d.status = Status.Withdrawing;
        emit WithdrawalStarted(id, uint64(block.timestamp) + delay);
    }

    /// @notice Pays the creator what is left of the deposit (value minus the
    /// burned shares; the rounding dust included) and closes it for good.
    /// @dev Needs block.timestamp > withdrawalStartedAt + delay. The state is
    /// final before the call, which forwards all gas (smart wallets work) and
    /// reverts the whole withdraw if the creator's receiver fails.
    /// @param id the deposit
    function withdraw(bytes32 id) external {
        Deposit storage d = _deposits[id];
        Status status = d.status;
        if (status == Status.None) revert UnknownDeposit(id);
        address creator = d.creator;
        if (creator != msg.sender) revert NotCreator(id, msg.sender, creator);
        if (status == Status.Active) revert WithdrawalNotStarted(id);
        if (status == Status.Withdrawn) revert DepositWithdrawn(id);
        uint64 unlockAt = uint64(d.withdrawalStartedAt) + delay;
        if (block.timestamp <= unlockAt) revert WithdrawalLocked(id, unlockAt, uint64(block.timestamp));

        d.status = Status.Withdrawn;
        uint256 amount = _remaining(d);
        emit Withdrawn(id, creator, amount);
        if (amount != 0) _send(creator, amount);
    }

    /// @notice Starts the withdrawal of several of the caller's deposits in
    /// one transaction (see startWithdrawal). Ids already Withdrawing or
    /// Withdrawn are skipped without an event, so a retry after a crash or
    /// a lost receipt is harmless; each deposit started emits
    /// WithdrawalStarted. A repeated id is started once.
    /// @dev Reverts EmptyBatch, UnknownDeposit and NotCreator (nothing
    /// changes then): those are mistakes, never a race.
    /// @param ids the deposits, at least one, all made by msg.sender
    function startWithdrawals(bytes32[] calldata ids) external {
        if (ids.length == 0) revert EmptyBatch();
        uint64 unlockAt = uint64(block.timestamp) + delay;
        for (uint256 k = 0; k < ids.length; ++k) {
            bytes32 id = ids[k];
            Deposit storage d = _deposits[id];
            Status status = d.status;
            if (status == Status.None) revert UnknownDeposit(id);
            address creator = d.creator;
            if (creator != msg.sender) revert NotCreator(id, msg.sender, creator);
            if (status != Status.Active) continue; // started before, or withdrawn
            d.withdrawalStartedAt = uint40(block.timestamp);
            d.status = Status.Withdrawing;
            emit WithdrawalStarted(id, unlockAt);
        }
    }

    /// @notice Withdraws several of the caller's deposits in one transaction
    /// and pays the sum in ONE transfer at the end. Each deposit that is
    /// Withdrawing and unlocked (block.timestamp > unlockAt) is closed for
    /// good and emits Withdrawn with its amount; the others are skipped
    /// without an event: still Active (not started), still locked, or
    /// already Withdrawn (so a repeated id, or a retry, never pays twice).
    /// @dev Reverts EmptyBatch, UnknownDeposit and NotCreator. Every state
    /// change is made before the payment (checks-effects-interactions): a
    /// receiver that re-enters finds its deposits Withdrawn, and a receiver
    /// that reverts reverts the whole call (TransferFailed), so it can be
    /// retried with nothing half done.
    /// @param ids the deposits, at least one, all made by msg.sender
    function withdrawMany(bytes32[] calldata ids) external {
        if (ids.length == 0) revert EmptyBatch();
        uint256 total;
        for (uint256 k = 0; k < ids.length; ++k) {
            bytes32 id = ids[k];
            Deposit storage d = _deposits[id];
            Status status = d.status;
            if (status == Status.None) revert UnknownDeposit(id);
            address creator = d.creator;
            if (creator != msg.sender) revert NotCreator(id, msg.sender, creator);
            if (status != Status.Withdrawing) continue; // not started, or paid already
            if (block.timestamp <= uint64(d.withdrawalStartedAt) + delay) continue; // locked
            d.status = Status.Withdrawn;
            uint256 amount = _remaining(d);
            // total <= the sum of deposit values, each < 2^96
            total += amount;
            emit Withdrawn(id, creator, amount);
        }
        if (total != 0) _send(msg.sender, total);
    }

    // ------------------------------------------------------------------
    // Views

    /// @notice The id of the deposit `creator` makes under `root`.
    /// @return keccak256(abi.encodePacked(creator, root)) (20 + 32 bytes)
    function depositId(address creator, bytes32 root) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(creator, root));
    }

    /// @notice The leaf a secret stands for: keccak256(0x00 ‖ secret).
    function leafHash(bytes32 secret) public pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, 0)
            mstore(0x01, secret)
            leaf := keccak256(0x00, 0x21)
        }
    }

    /// @notice An inner node of the tree: keccak256(0x01 ‖ left ‖ right).
    function nodeHash(bytes32 left, bytes32 right) public pure returns (bytes32 node) {
        assembly ("memory-safe") {
            let p := mload(0x40) // scratch above the free memory pointer
            mstore8(p, 1)
            mstore(add(p, 0x01), left)
            mstore(add(p, 0x21), right)
            node := keccak256(p, 0x41)
        }
    }

    /// @notice Recomputes the root of a tree of `leaves` leaves from the leaf
    /// at `index` and its proof, by the project's Merkle spec: on each level
    /// an odd index takes its sibling from the proof on the left, an even
    /// index on the right unless it is the level's unpaired last node, which
    /// is promoted unchanged. The proof must be consumed exactly.
    /// @dev Reverts ProofLengthMismatch when the proof is too short or too long
    /// and IndexOutOfRange (id 0) when index >= leaves.
    function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] calldata proof)
        public
        pure
        returns (bytes32 h)
    {
        if (index >= leaves) revert IndexOutOfRange(bytes32(0), index, leaves);
        uint256 n = proof.length;
        uint256 k;
        uint256 i = index;
        uint256 m = leaves;
        h = leaf;
        unchecked {
            while (m > 1) {
                if (i & 1 == 1) {
                    if (k == n) revert ProofLengthMismatch(index, leaves, n);
                    h = nodeHash(proof[k], h);
                    ++k;
                } else if (i + 1 < m) {
                    if (k == n) revert ProofLengthMismatch(index, leaves, n);
                    h = nodeHash(h, proof[k]);
                    ++k;
                }
                i >>= 1;
                m = (m + 1) >> 1;
            }
        }
        if (k != n) revert ProofLengthMismatch(index, leaves, n);
    }

    /// @notice A deposit's state; all zero (status None) for an unused id.
    function getDeposit(bytes32 id) external view returns (DepositInfo memory info) {
        Deposit storage d = _deposits[id];
        info.creator = d.creator;
        info.value = d.value;
        info.leaves = d.leaves;
        info.bountyPerLeaf = d.bountyPerLeaf;
        info.createdAt = d.createdAt;
        info.withdrawalStartedAt = d.withdrawalStartedAt;
        if (d.withdrawalStartedAt != 0) info.unlockAt = uint64(d.withdrawalStartedAt) + delay;
        info.burnedLeaves = d.burnedLeaves;
        if (d.leaves != 0) info.share = uint96(uint256(d.value) / d.leaves);
        info.status = d.status;
        if (info.status == Status.Active || info.status == Status.Withdrawing) info.remaining = uint96(_remaining(d));
    }

    /// @notice Whether leaf `index` of deposit `id` has been burned.
    /// @dev Reverts UnknownDeposit and IndexOutOfRange rather than answer false.
    function isBurned(bytes32 id, uint256 index) external view returns (bool) {
        Deposit storage d = _deposits[id];
        if (d.status == Status.None) revert UnknownDeposit(id);
        if (index >= d.leaves) revert IndexOutOfRange(id, index, d.leaves);
        if (index < LOW_BITS) return d.lowBurnBits & (1 << index) != 0;
        return _burnBits[id][index >> 8] & (1 << (index & 255)) != 0;
    }

    // ------------------------------------------------------------------
    // Internals

    /// @dev value - burnedLeaves * share: the unburned shares plus the dust.
    function _remaining(Deposit storage d) private view returns (uint256) {
        uint256 value = d.value;
        unchecked {
            // burnedLeaves <= leaves, so burnedLeaves * (value / leaves) <= value
            return value - uint256(d.burnedLeaves) * (value / d.leaves);
        }
    }

    /// @dev Sends ETH with all remaining gas and no return data copied;
    /// reverts the whole transaction if the receiver fails.
    function _send(address to, uint256 amount) private {
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        if (!ok) revert TransferFailed(to, amount);
    }
}
