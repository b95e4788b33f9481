// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title TicketBook: deniable stake for mail (the parity game)
/// @notice A recipient's agent commits to N random 32-byte values under a
/// Merkle root and opens a *book* with a ticket price (the stake s), a
/// reveal window and a reserve. A sender buys a ticket: it pays s and gets
/// the next free index of the book. Some blocks later a block hash fixes
/// the ticket's coin: the ticket *matches* when the low bit of
/// keccak256(value ‖ seed) is 0, which only the holder of the value can
/// tell. The agent reveals the value of a matching ticket unless its user
/// marked the message as spam; the buyer is then owed 2s (2s - bounty to
/// the buyer, the bounty to the revealer). A ticket not revealed within the
/// window is final: its stake stays in the book's pool. Nobody but the
/// agent can tell a punished ticket from a miss.
///
/// Rules (docs/deniable.md explains them):
/// - bookId = keccak256(abi.encodePacked(owner, root)); ids are never reused.
/// - Tickets are sold in index order (no sender chooses an index, so nobody
///   can squat one). A ticket commits to its buyer and a binding (the
///   sender's hash of the recipient and a nonce that travels only in the
///   mail), stored as the top 26 bytes of keccak256(buyer ‖ binding).
/// - The coin of a ticket bought in block b is the hash of block
///   r = ceil((b + randomnessDelay) / epoch) * epoch: every ticket of an
///   epoch shares one seed, which anyone can record on chain with
///   recordSeed while it is still readable (BLOCKHASH: 256 blocks; the
///   EIP-2935 history contract: 8191). There is no fallback to prevrandao:
///   a seed that nobody recorded in time makes the ticket unrevealable.
/// - Only the book's agent reveals, or anyone holding the agent's signature
///   over (contract, chain, book, index, submitter): a copied reveal is
///   useless to a front-runner.
/// - A reveal is accepted only in blocks r+1 .. r+window, with a valid
///   proof and a matching coin; each ticket is paid at most once.
/// - Payouts are credits the buyer claims; when the pool cannot cover 2s
///   they wait in a first-in-first-out queue that every sale (up to 4),
///   top-up (up to 32) and payQueue call pays from. A queued payout is
///   never lost.
/// - The owner gets back at most the reserve it put in (min(pool, reserve))
///   once the book is retired, every window is over and the queue is
///   empty. The rest of the pool (the stakes of unrevealed tickets beyond
///   the payouts) stays locked for good: punishing never profits the owner.
contract TicketBook {
    /// @notice Lifecycle of a book. None: the id was never used.
    enum BookStatus {
        None,
        Open, // tickets on sale
        Retired, // no more sales; reveals continue until every window ends
        Closed // the reserve went back to the owner; final
    }

    /// @notice Lifecycle of a ticket.
    enum TicketState {
        None, // not sold
        Bought, // sold, not revealed
        Paid, // revealed and credited to the buyer
        Queued // revealed; the payout waits in the book's queue
    }

    /// @notice A book as returned by getBook.
    struct BookInfo {
        address owner;
        address agent;
        uint96 stake;
        uint96 bounty;
        uint32 leaves;
        uint32 sold;
        uint32 window;
        uint64 createdBlock;
        uint64 lastBuyBlock;
        BookStatus status;
        uint128 pool;
        uint128 reserve;
        uint32 queueHead;
        uint32 queueTail;
    }

    /// @notice A ticket as returned by getTicket.
    struct TicketInfo {
        TicketState state;
        uint64 boughtBlock;
        uint64 randomnessBlock;
        uint64 deadline;
        bytes26 commitment;
    }

    /// @notice One reveal.
    /// @param bookId the book
    /// @param index the ticket's index (the value's leaf index)
    /// @param value the committed value; leaf = keccak256(0x00 ‖ value)
    /// @param proof the leaf's Merkle proof, bottom-up
    /// @param buyer the ticket's buyer (who is paid)
    /// @param binding the ticket's binding, as the buyer gave it
    /// @param signature the agent's signature of revealDigest(bookId, index, msg.sender);
    /// empty when the agent itself sends the reveal
    struct RevealRequest {
        bytes32 bookId;
        uint32 index;
        bytes32 value;
        bytes32[] proof;
        address buyer;
        bytes32 binding;
        bytes signature;
    }

    /// @notice A payout waiting for funds.
    struct QueuedPayout {
        address buyer;
        uint32 index;
        address revealer;
    }

    struct Book {
        // slot 0
        address owner;
        uint96 stake;
        // slot 1
        address agent;
        uint96 bounty;
        // slot 2
        uint32 leaves;
        uint32 sold;
        uint32 window;
        uint40 createdBlock;
        uint40 lastBuyBlock;
        BookStatus status;
        uint32 queueHead;
        uint32 queueTail;
        // slot 3
        uint128 pool;
        uint128 reserve;
    }

    /// @dev One slot per ticket.
    struct Ticket {
        TicketState state;
        uint40 boughtBlock;
        bytes26 commitment;
    }

    /// @notice Most values a book may commit to (proof depth at most 20).
    uint256 public constant MAX_LEAVES = 1 << 20;

    /// @notice A book's bounty is at most stake / BOUNTY_DIVISOR. The bounty
    /// is paid to the submitter of each reveal, and the owner can always be
    /// that submitter (its agent, or any second account the agent signs
    /// for), so the bounty is the owner's only income from its book: with
    /// this cap it earns at most stake/16 per revealed ticket, stake/32 per
    /// ticket sold in expectation, which is what each sender pays on
    /// average for the reveal's gas (docs/deniable.md). No rule on who
    /// submits could do this: the owner controls every account it wants.
    uint256 public constant BOUNTY_DIVISOR = 16;

    /// @notice How far back the EIP-2935 history contract serves block hashes.
    uint256 public constant HISTORY_WINDOW = 8191;

    /// @notice The EIP-2935 block hash history contract (Prague and later).
    address public constant HISTORY_STORAGE = 0x0000F90827F1C53a10cb7A02335B175320002935;

    /// @notice Blocks between a purchase and the earliest block its coin may come from.
    uint32 public immutable randomnessDelay;

    /// @notice Randomness blocks are multiples of epoch, so tickets bought
    /// close together share one seed (one recordSeed for all of them).
    uint32 public immutable epoch;

    mapping(bytes32 id => Book) private _books;
    mapping(bytes32 id => mapping(uint256 index => Ticket)) private _tickets;
    mapping(bytes32 id => mapping(uint256 position => QueuedPayout)) private _queue;
    mapping(uint256 blockNumber => bytes32 seed) private _seeds;
    mapping(address account => uint256 wei_) private _credits;

    /// @notice A book was opened.
    event BookOpened(
        bytes32 indexed id,
        address indexed owner,
        bytes32 root,
        uint32 leaves,
        uint96 stake,
        uint96 bounty,
        uint32 window,
        address agent,
        uint256 reserve
    );
    /// @notice count tickets were sold to buyer: indices first .. first+count-1.
    event TicketsBought(
        bytes32 indexed id, address indexed buyer, uint32 first, uint32 count, uint64 randomnessBlock
    );
    /// @notice The hash of blockNumber was stored for later reveals.
    event SeedRecorded(uint256 indexed blockNumber, bytes32 seed);
    /// @notice A matching ticket was revealed; queued when the pool could not pay at once.
    event Revealed(
        bytes32 indexed id, uint32 index, bytes32 value, address buyer, address revealer, bool queued
    );
    /// @notice A queued payout was paid (credited).
    event PayoutReleased(bytes32 indexed id, uint32 index, address buyer);
    /// @notice ETH was added to a book's pool (and to its owner's reserve).
    event ToppedUp(bytes32 indexed id, address from, uint256 amount);
    /// @notice The owner stopped the sale of tickets.
    event BookRetired(bytes32 indexed id);
    /// @notice The owner took its reserve back; `locked` stays in the contract for good.
    event BookClosed(bytes32 indexed id, uint256 returned, uint256 locked);
    /// @notice An account withdrew its credits.
    event Claimed(address indexed account, uint256 amount);

    /// @notice A constructor parameter out of range.
    error InvalidParameter(string name, uint256 value);
    /// @notice Leaf count 0 or above MAX_LEAVES.
    error InvalidLeafCount(uint256 leaves, uint256 maxLeaves);
    /// @notice A ticket price of 0.
    error ZeroStake();
    /// @notice bounty > stake / BOUNTY_DIVISOR.
    error BountyTooLarge(uint256 bounty, uint256 maxBounty);
    /// @notice A reveal window of 0 blocks.
    error ZeroWindow();
    /// @notice No agent address.
    error ZeroAgent();
    /// @notice More ETH than a uint128 pool holds.
    error ValueTooLarge(uint256 value);
    /// @notice The book id has been used before.
    error BookExists(bytes32 id);
    /// @notice No book has this id.
    error UnknownBook(bytes32 id);
    /// @notice Only the book's owner may do this.
    error NotOwner(bytes32 id, address caller, address owner);
    /// @notice The book does not sell tickets (retired or closed).
    error BookNotOpen(bytes32 id, BookStatus status);
    /// @notice close on a book that is not retired (open or already closed).
    error BookNotRetired(bytes32 id, BookStatus status);
    /// @notice The book is closed: nothing can change it any more.
    error BookIsClosed(bytes32 id);
    /// @notice Not enough tickets left.
    error BookSoldOut(bytes32 id, uint256 sold, uint256 leaves, uint256 wanted);
    /// @notice buy/buyBatch without the exact price.
    error WrongPayment(uint256 sent, uint256 price);
    /// @notice A binding of zero.
    error ZeroBinding();
    /// @notice buyBatch/revealBatch/recordSeeds without items.
    error EmptyBatch();
    /// @notice The ticket has not been sold.
    error TicketNotSold(bytes32 id, uint256 index);
    /// @notice The ticket has been revealed already.
    error TicketAlreadyRevealed(bytes32 id, uint256 index);
    /// @notice buyer and binding do not match the ticket's commitment.
    error WrongCommitment(bytes32 id, uint256 index);
    /// @notice msg.sender is not the agent and the signature is not the agent's.
    error NotAuthorized(bytes32 id, uint256 index, address submitter);
    /// @notice The ticket's randomness block has not been sealed yet.
    error TooEarly(bytes32 id, uint256 index, uint256 randomnessBlock);
    /// @notice The reveal window ended at block `deadline`.
    error RevealWindowClosed(bytes32 id, uint256 index, uint256 deadline);
    /// @notice The block's hash is neither recorded nor readable any more (or yet).
    error SeedUnavailable(uint256 blockNumber);
    /// @notice computeRoot with index >= leaves.
    error IndexOutOfRange(uint256 index, uint256 leaves);
    /// @notice The proof has the wrong number of elements for (index, leaves).
    error ProofLengthMismatch(uint256 index, uint256 leaves, uint256 proofLength);
    /// @notice The value, index and proof do not lead to the book's root.
    error InvalidProof(bytes32 id, uint256 index);
    /// @notice The ticket's coin did not match: it cannot be revealed.
    error ParityMismatch(bytes32 id, uint256 index);
    /// @notice topUp without ETH.
    error ZeroValue();
    /// @notice Reveals are still possible until block `deadline`.
    error BookStillRevealing(bytes32 id, uint256 deadline);
    /// @notice Payouts are waiting in the queue: top up first.
    error QueueNotEmpty(bytes32 id, uint256 waiting);
    /// @notice claim with no credit.
    error NothingToClaim(address account);
    /// @notice Sending ETH failed (the receiver reverted); nothing changed.
    error TransferFailed(address to, uint256 amount);

    /// @param randomnessDelay_ blocks from a purchase to the earliest randomness block, 1..1024
    /// @param epoch_ randomness blocks are multiples of this, 1..1024
    constructor(uint32 randomnessDelay_, uint32 epoch_) {
        if (randomnessDelay_ == 0 || randomnessDelay_ > 1024) {
            revert InvalidParameter("randomnessDelay", randomnessDelay_);
        }
        if (epoch_ == 0 || epoch_ > 1024) revert InvalidParameter("epoch", epoch_);
        randomnessDelay = randomnessDelay_;
        epoch = epoch_;
    }

    // ------------------------------------------------------------------
    // Books

    /// @notice Opens a book over `leaves` committed values; msg.value is the
    /// reserve, the pool's starting balance (it may be 0).
    /// @param root the Merkle root of keccak256(0x00 ‖ value) leaves
    /// @param leaves the number of values, 1..MAX_LEAVES
    /// @param stake the ticket price s (wei, > 0); a revealed ticket pays 2s
    /// @param bounty paid to the revealer out of the 2s, at most stake / BOUNTY_DIVISOR
    /// @param window blocks after the randomness block during which a reveal is accepted, > 0
    /// @param agent the address that reveals (or signs reveals for a relay)
    /// @return id keccak256(abi.encodePacked(msg.sender, root))
    function openBook(bytes32 root, uint32 leaves, uint96 stake, uint96 bounty, uint32 window, address agent)
        external
        payable
        returns (bytes32 id)
    {
        if (leaves == 0 || leaves > MAX_LEAVES) revert InvalidLeafCount(leaves, MAX_LEAVES);
        if (stake == 0) revert ZeroStake();
        if (bounty > stake / BOUNTY_DIVISOR) revert BountyTooLarge(bounty, stake / BOUNTY_DIVISOR);
        if (window == 0) revert ZeroWindow();
        if (agent == address(0)) revert ZeroAgent();
        if (msg.value > type(uint128).max) revert ValueTooLarge(msg.value);
        id = bookId(msg.sender, root);
        Book storage b = _books[id];
        if (b.status != BookStatus.None) revert BookExists(id);
        b.owner = msg.sender;
        b.stake = stake;
        b.agent = agent;
        b.bounty = bounty;
        b.leaves = leaves;
        b.window = window;
        b.createdBlock = uint40(block.number);
        b.status = BookStatus.Open;
        b.pool = uint128(msg.value);
        b.reserve = uint128(msg.value);
        emit BookOpened(id, msg.sender, root, leaves, stake, bounty, window, agent, msg.value);
    }

    /// @notice Adds msg.value to the book's pool and to its owner's reserve,
    /// then pays the queued payouts it covers, at most 32 (payQueue pays
    /// more: no call's gas grows with the queue).
    function topUp(bytes32 id) external payable {
        Book storage b = _books[id];
        _requireLive(id, b);
        if (msg.value == 0) revert ZeroValue();
        uint256 pool = uint256(b.pool) + msg.value;
        uint256 reserve = uint256(b.reserve) + msg.value;
        if (pool > type(uint128).max || reserve > type(uint128).max) revert ValueTooLarge(msg.value);
        b.pool = uint128(pool);
        b.reserve = uint128(reserve);
        emit ToppedUp(id, msg.sender, msg.value);
        _drain(id, b, 32);
    }

    /// @notice Stops the sale of tickets. Reveals go on until every window ends.
    function retire(bytes32 id) external {
        Book storage b = _books[id];
        if (b.status == BookStatus.None) revert UnknownBook(id);
        if (b.owner != msg.sender) revert NotOwner(id, msg.sender, b.owner);
        if (b.status != BookStatus.Open) revert BookNotOpen(id, b.status);
        b.status = BookStatus.Retired;
        emit BookRetired(id);
    }

    /// @notice Returns min(pool, reserve) to the owner and closes the book
    /// for good. Needs a retired book, every reveal window over and an empty
    /// queue. What stays in the pool is locked forever.
    function close(bytes32 id) external {
        Book storage b = _books[id];
        BookStatus status = b.status;
        if (status == BookStatus.None) revert UnknownBook(id);
        address owner = b.owner;
        if (owner != msg.sender) revert NotOwner(id, msg.sender, owner);
        if (status != BookStatus.Retired) revert BookNotRetired(id, status);
        if (b.sold != 0) {
            uint256 deadline = randomnessBlock(b.lastBuyBlock) + b.window;
            if (block.number <= deadline) revert BookStillRevealing(id, deadline);
        }
        if (b.queueHead != b.queueTail) revert QueueNotEmpty(id, b.queueTail - b.queueHead);
        uint256 pool = b.pool;
        uint256 amount = pool < b.reserve ? pool : b.reserve;
        b.pool = uint128(pool - amount);
        b.reserve = 0;
        b.status = BookStatus.Closed;
        emit BookClosed(id, amount, pool - amount);
        if (amount != 0) _send(owner, amount);
    }

    // ------------------------------------------------------------------
    // Tickets

    /// @notice Buys the book's next ticket for exactly its stake.
    /// @param id the book
    /// @param binding the sender's binding (nonzero): keccak256 of the
    /// recipient and a nonce that only the mail carries (docs/deniable.md)
    /// @return index the ticket's index
    function buy(bytes32 id, bytes32 binding) external payable returns (uint32 index) {
        if (binding == 0) revert ZeroBinding();
        Book storage b = _books[id];
        index = _sell(id, b, 1);
        _tickets[id][index] = Ticket(TicketState.Bought, uint40(block.number), _commit(msg.sender, binding));
        _afterSale(id, b);
    }

    /// @notice Buys bindings.length consecutive tickets for stake each.
    /// @return first the index of the first; bindings[k] belongs to first + k
    function buyBatch(bytes32 id, bytes32[] calldata bindings) external payable returns (uint32 first) {
        uint256 n = bindings.length;
        if (n == 0) revert EmptyBatch();
        Book storage b = _books[id];
        first = _sell(id, b, n);
        mapping(uint256 => Ticket) storage ts = _tickets[id];
        for (uint256 k = 0; k < n; ++k) {
            bytes32 binding = bindings[k];
            if (binding == 0) revert ZeroBinding();
            ts[first + k] = Ticket(TicketState.Bought, uint40(block.number), _commit(msg.sender, binding));
        }
        _afterSale(id, b);
    }

    /// @dev Checks a sale of n tickets, takes the payment and advances the counter.
    function _sell(bytes32 id, Book storage b, uint256 n) private returns (uint32 first) {
        BookStatus status = b.status;
        if (status == BookStatus.None) revert UnknownBook(id);
        if (status != BookStatus.Open) revert BookNotOpen(id, status);
        uint256 sold = b.sold;
        uint256 leaves = b.leaves;
        if (sold + n > leaves) revert BookSoldOut(id, sold, leaves, n);
        uint256 price = uint256(b.stake) * n;
        if (msg.value != price) revert WrongPayment(msg.value, price);
        first = uint32(sold);
        b.sold = uint32(sold + n);
        b.lastBuyBlock = uint40(block.number);
        // stake < 2^96 and n <= 2^20: the pool stays far below 2^128 in any
        // realistic economy; checked arithmetic reverts otherwise.
        b.pool = uint128(uint256(b.pool) + price);
        emit TicketsBought(id, msg.sender, first, uint32(n), uint64(randomnessBlock(block.number)));
    }

    function _afterSale(bytes32 id, Book storage b) private {
        if (b.queueHead != b.queueTail) _drain(id, b, 4);
    }

    // ------------------------------------------------------------------
    // Randomness

    /// @notice Stores the hash of block `blockNumber` so that reveals keep
    /// working after it leaves the EVM's reach. Anyone may call it; it is a
    /// no-op for a seed already stored.
    /// @return seed the stored hash
    function recordSeed(uint256 blockNumber) public returns (bytes32 seed) {
        seed = _seeds[blockNumber];
        if (seed != 0) return seed;
        seed = _liveHash(blockNumber);
        if (seed == 0) revert SeedUnavailable(blockNumber);
        _seeds[blockNumber] = seed;
        emit SeedRecorded(blockNumber, seed);
    }

    /// @notice recordSeed for several blocks.
    function recordSeeds(uint256[] calldata blockNumbers) external {
        if (blockNumbers.length == 0) revert EmptyBatch();
        for (uint256 k = 0; k < blockNumbers.length; ++k) {
            recordSeed(blockNumbers[k]);
        }
    }

    // ------------------------------------------------------------------
    // Reveals

    /// @notice Reveals one matching ticket: the buyer is credited 2*stake -
    /// bounty and msg.sender is paid the bounty (or both wait in the queue).
    function reveal(RevealRequest calldata r) external {
        uint256 bounty = _reveal(r);
        if (bounty != 0) _send(msg.sender, bounty);
    }

    /// @notice Several reveals, of one or several books, all or nothing; the
    /// bounties are paid to msg.sender once, at the end.
    function revealBatch(RevealRequest[] calldata rs) external {
        if (rs.length == 0) revert EmptyBatch();
        uint256 bounty;
        for (uint256 k = 0; k < rs.length; ++k) {
            bounty += _reveal(rs[k]);
        }
        if (bounty != 0) _send(msg.sender, bounty);
    }

    /// @dev Checks and records one reveal; returns the bounty to pay msg.sender now.
    function _reveal(RevealRequest calldata r) private returns (uint256 bountyNow) {
        bytes32 id = r.bookId;
        uint256 index = r.index;
        Book storage b = _books[id];
        BookStatus status = b.status;
        if (status == BookStatus.None) revert UnknownBook(id);
        if (status == BookStatus.Closed) revert BookIsClosed(id);
        if (index >= b.sold) revert TicketNotSold(id, index);
        Ticket storage t = _tickets[id][index];
        if (t.state != TicketState.Bought) revert TicketAlreadyRevealed(id, index);
        if (t.commitment != _commit(r.buyer, r.binding)) revert WrongCommitment(id, index);
        if (msg.sender != b.agent) {
            address signer = _recover(revealDigest(id, index, msg.sender), r.signature);
            if (signer == address(0) || signer != b.agent) revert NotAuthorized(id, index, msg.sender);
        }
        uint256 rb = randomnessBlock(t.boughtBlock);
        if (block.number <= rb) revert TooEarly(id, index, rb);
        if (block.number > rb + b.window) revert RevealWindowClosed(id, index, rb + b.window);
        bytes32 seed = _seeds[rb];
        if (seed == 0) {
            seed = _liveHash(rb);
            if (seed == 0) revert SeedUnavailable(rb);
        }
        bytes32 root = computeRoot(leafHash(r.value), index, b.leaves, r.proof);
        if (bookId(b.owner, root) != id) revert InvalidProof(id, index);
        if (!isMatch(r.value, seed)) revert ParityMismatch(id, index);

        uint256 owed = 2 * uint256(b.stake);
        uint256 bounty = b.bounty;
        if (b.queueHead == b.queueTail && b.pool >= owed) {
            t.state = TicketState.Paid;
            b.pool -= uint128(owed);
            _credits[r.buyer] += owed - bounty;
            emit Revealed(id, uint32(index), r.value, r.buyer, msg.sender, false);
            return bounty;
        }
        t.state = TicketState.Queued;
        uint32 tail = b.queueTail;
        _queue[id][tail] = QueuedPayout(r.buyer, uint32(index), msg.sender);
        b.queueTail = tail + 1;
        emit Revealed(id, uint32(index), r.value, r.buyer, msg.sender, true);
        _drain(id, b, 4);
        return 0;
    }

    // ------------------------------------------------------------------
    // The payout queue and credits

    /// @notice Pays up to `max` queued payouts of the book, oldest first,
    /// as far as its pool allows. Anyone may call it.
    /// @return paid how many were paid
    function payQueue(bytes32 id, uint256 max) external returns (uint256 paid) {
        Book storage b = _books[id];
        if (b.status == BookStatus.None) revert UnknownBook(id);
        return _drain(id, b, max);
    }

    /// @dev Credits queued payouts, oldest first, while the pool covers 2*stake.
    function _drain(bytes32 id, Book storage b, uint256 max) private returns (uint256 paid) {
        uint32 head = b.queueHead;
        uint32 tail = b.queueTail;
        if (head == tail) return 0;
        uint256 owed = 2 * uint256(b.stake);
        uint256 bounty = b.bounty;
        uint256 pool = b.pool;
        mapping(uint256 => QueuedPayout) storage q = _queue[id];
        while (head != tail && paid < max && pool >= owed) {
            QueuedPayout memory p = q[head];
            delete q[head];
            _credits[p.buyer] += owed - bounty;
            if (bounty != 0) _credits[p.revealer] += bounty;
            _tickets[id][p.index].state = TicketState.Paid;
            emit PayoutReleased(id, p.index, p.buyer);
            pool -= owed;
            ++head;
            ++paid;
        }
        b.queueHead = head;
        b.pool = uint128(pool);
    }

    /// @notice Sends msg.sender everything credited to it.
    function claim() external {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert NothingToClaim(msg.sender);
        _credits[msg.sender] = 0;
        emit Claimed(msg.sender, amount);
        _send(msg.sender, amount);
    }

    // ------------------------------------------------------------------
    // Views

    /// @notice The id of the book `owner` opens under `root`.
    function bookId(address owner, bytes32 root) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(owner, root));
    }

    /// @notice The block whose hash is the coin of a ticket bought in `boughtBlock`.
    function randomnessBlock(uint256 boughtBlock) public view returns (uint256) {
        uint256 e = epoch;
        return ((boughtBlock + randomnessDelay + e - 1) / e) * e;
    }

    /// @notice Whether a value wins with a seed: the low bit of keccak256(value ‖ seed) is 0.
    function isMatch(bytes32 value, bytes32 seed) public pure returns (bool) {
        return uint256(keccak256(abi.encodePacked(value, seed))) & 1 == 0;
    }

    /// @notice What a ticket stores of its buyer and binding: the top 26
    /// bytes of keccak256(buyer ‖ binding).
    function commitment(address buyer, bytes32 binding) external pure returns (bytes26) {
        return _commit(buyer, binding);
    }

    /// @notice The digest the agent signs to let `submitter` reveal ticket
    /// `index` of book `id`: keccak256(0x19 ‖ 0x00 ‖ this contract ‖ chain id
    /// ‖ id ‖ index ‖ submitter), EIP-191 version 0.
    function revealDigest(bytes32 id, uint256 index, address submitter) public view returns (bytes32) {
        return keccak256(
            abi.encodePacked(bytes1(0x19), bytes1(0x00), address(this), block.chainid, id, index, submitter)
        );
    }

    /// @notice The seed reveals would use now for randomness block
    /// `blockNumber`: the recorded hash, else the live one, else 0.
    function seedOf(uint256 blockNumber) external view returns (bytes32 seed, bool recorded) {
        seed = _seeds[blockNumber];
        if (seed != 0) return (seed, true);
        return (_liveHash(blockNumber), false);
    }

    /// @notice A book's state; all zero (status None) for an unused id.
    function getBook(bytes32 id) external view returns (BookInfo memory info) {
        Book storage b = _books[id];
        info.owner = b.owner;
        info.agent = b.agent;
        info.stake = b.stake;
        info.bounty = b.bounty;
        info.leaves = b.leaves;
        info.sold = b.sold;
        info.window = b.window;
        info.createdBlock = b.createdBlock;
        info.lastBuyBlock = b.lastBuyBlock;
        info.status = b.status;
        info.pool = b.pool;
        info.reserve = b.reserve;
        info.queueHead = b.queueHead;
        info.queueTail = b.queueTail;
    }

    /// @notice A ticket's state; state None for an unsold index.
    function getTicket(bytes32 id, uint256 index) external view returns (TicketInfo memory info) {
        Ticket storage t = _tickets[id][index];
        info.state = t.state;
        if (info.state == TicketState.None) return info;
        info.boughtBlock = t.boughtBlock;
        info.randomnessBlock = uint64(randomnessBlock(t.boughtBlock));
        info.deadline = info.randomnessBlock + _books[id].window;
        info.commitment = t.commitment;
    }

    /// @notice The queued payout at `position` (zero once paid).
    function queuedPayout(bytes32 id, uint256 position) external view returns (QueuedPayout memory) {
        return _queue[id][position];
    }

    /// @notice Wei credited to `account`, withdrawable with claim.
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @notice The leaf a value stands for: keccak256(0x00 ‖ value).
    function leafHash(bytes32 value) public pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, 0)
            mstore(0x01, value)
            leaf := keccak256(0x00, 0x21)
        }
    }

    /// @notice An inner node: keccak256(0x01 ‖ left ‖ right).
    function nodeHash(bytes32 left, bytes32 right) public pure returns (bytes32 node) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore8(p, 1)
            mstore(add(p, 0x01), left)
            mstore(add(p, 0x21), right)
            node := keccak256(p, 0x41)
        }
    }

    /// @notice The root from a leaf at `index` of `leaves` and its proof, by
    /// the project's Merkle spec (the same as the deposit contract's: an
    /// unpaired last node is promoted unchanged; the proof is consumed exactly).
    function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] calldata proof)
        public
        pure
        returns (bytes32 h)
    {
        if (index >= leaves) revert IndexOutOfRange(index, leaves);
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

    // ------------------------------------------------------------------
    // Internals

    function _requireLive(bytes32 id, Book storage b) private view {
        if (b.status == BookStatus.None) revert UnknownBook(id);
        if (b.status == BookStatus.Closed) revert BookIsClosed(id);
    }

    function _commit(address buyer, bytes32 binding) private pure returns (bytes26) {
        return bytes26(keccak256(abi.encodePacked(buyer, binding)));
    }

    /// @dev The hash of block n if the EVM can still read it: BLOCKHASH for
    /// the last 256 blocks, the EIP-2935 history contract up to 8191 back;
    /// 0 for the current or a future block, or one too old.
    function _liveHash(uint256 n) private view returns (bytes32 h) {
        if (n >= block.number) return 0;
        uint256 age = block.number - n;
        if (age <= 256) return blockhash(n);
        if (age > HISTORY_WINDOW) return 0;
        (bool ok, bytes memory ret) = HISTORY_STORAGE.staticcall(abi.encode(n));
        // No code there (a chain without EIP-2935) answers ok with no data.
        if (ok && ret.length == 32) h = abi.decode(ret, (bytes32));
    }

    /// @dev ecrecover of a 65-byte (r, s, v) signature; address(0) for any
    /// malformed or malleable (high s) signature.
    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address) {
        if (sig.length != 65) return address(0);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := calldataload(sig.offset)
            s := calldataload(add(sig.offset, 0x20))
            v := byte(0, calldataload(add(sig.offset, 0x40)))
        }
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) return address(0);
        if (v < 27) v += 27;
        if (v != 27 && v != 28) return address(0);
        return ecrecover(digest, v, r, s);
    }

    /// @dev Sends ETH with all remaining gas; reverts the whole transaction
    /// if the receiver fails.
    function _send(address to, uint256 amount) private {
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        if (!ok) revert TransferFailed(to, amount);
    }
}
