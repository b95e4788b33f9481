--[[
postage: turns the Postage-Result header that postage (the milter, or
`postage verify` as a delivery filter) adds into rspamd symbols.

Install (docs/spam-filters.md has the whole procedure):
  /etc/rspamd/plugins.d/postage.lua      this file
  /etc/rspamd/rspamd.conf.local          enables the module (contrib/rspamd/rspamd.conf.local)
  /etc/rspamd/local.d/postage.conf       settings (contrib/rspamd/local.d/postage.conf)

The header must be the one postage added. postage removes every incoming
Postage-Result before adding its own, so this holds when postage's milter
runs before rspamd's in smtpd_milters (and Postfix's header_checks drops
the field while postage is down). With more than one Postage-Result field
something in front of rspamd did not remove a forged one: the plugin then
gives no negative score at all (POSTAGE_MULTIPLE).

One message gets one score, whatever its number of recipients: the worst
recipient's verdict decides (burned, reused, fail, temperror, none, pass),
and a pass is worth what the least valuable recipient's postage is worth
(the smallest stake, the fewest bits), so that postage bought for one
recipient never lowers the score of the copy other recipients get.

A stake or work pass vouches for the sender's money or CPU, not for the
From: address: the negative symbols are given only when the From: domain
is aligned (DMARC_POLICY_ALLOW, or, for a domain with no DMARC record, a
valid DKIM signature or an SPF pass of the same organisational domain).
Otherwise POSTAGE_UNALIGNED (0) says what was withheld.
]]

local rspamd_logger = require "rspamd_logger"
local rspamd_util = require "rspamd_util"

local N = 'postage'

local settings = {
  header = 'Postage-Result',
  -- Negative scores only for an aligned From: domain (see above).
  require_alignment = true,
  -- POSTAGE_STAKE and POSTAGE_TICKET: the symbol's score once per decade
  -- of the value (wei) from stake_unit_wei up, at most stake_max_decades
  -- times: 1e13 wei (0.00001 ETH) 1x, 1e15 wei (0.001 ETH) 3x, 1e18 wei
  -- (1 ETH) and more 6x.
  stake_unit_wei_digits = 14, -- 1e13 wei has 14 digits
  stake_max_decades = 6,
  -- POSTAGE_WORK: the symbol's score once per 10 bits from 20 up: 20-29
  -- bits 1x, 30-39 2x, 40 and more 3x (below 20 bits: 0).
  work_bits_step = 10,
  work_max_steps = 3,
  symbols = {
    stake = 'POSTAGE_STAKE',
    work = 'POSTAGE_WORK',
    ticket = 'POSTAGE_TICKET',
    fail = 'POSTAGE_FAIL',
    burned = 'POSTAGE_BURNED',
    reused = 'POSTAGE_REUSED',
    temperror = 'POSTAGE_TEMPERROR',
    none = 'POSTAGE_NONE',
    unaligned = 'POSTAGE_UNALIGNED',
    multiple = 'POSTAGE_MULTIPLE',
  },
  scores = {
    stake = -1.0,     -- per decade: -3.0 for 0.001 ETH
    ticket = -1.0,    -- per decade, like a stake
    work = -0.5,      -- per 10 bits: -0.5 for a 20-bit stamp
    fail = 2.0,
    burned = 6.0,
    reused = 5.0,
    temperror = 0.0,
    none = 0.0,
    unaligned = 0.0,
    multiple = 0.0,
  },
}

local descriptions = {
  stake = 'postage: a stake stamp passed (score per decade of its value)',
  work = 'postage: a work stamp passed (score per 10 bits)',
  ticket = 'postage: a ticket of a deniable stake book passed',
  fail = 'postage: present but bad (spent, withdrawn, forged, too small...)',
  burned = 'postage: the stake leaf was burned (a recipient punished it)',
  reused = 'postage: the stake leaf already backed a different message',
  temperror = 'postage: could not be checked now (never a pass)',
  none = 'postage: no postage (legacy mail)',
  unaligned = 'postage: passed, but the From: domain is not DMARC-aligned; no bonus',
  multiple = 'postage: several Postage-Result fields; a forged one was not removed; no bonus',
}

-- The verdict classes, worst first.
local rank = { burned = 1, reused = 2, fail = 3, temperror = 4, none = 5, pass = 6 }

-- parse_verdict("pass rcpt=a@b stake=pass stake.value=1wei work=20")
local function parse_verdict(s)
  local words = {}
  for w in s:gmatch('%S+') do words[#words + 1] = w end
  if #words == 0 then return nil end
  local v = { result = words[1]:lower(), reasons = {} }
  for i = 2, #words do
    local k, val = words[i]:match('^([^=]+)=(.*)$')
    if k then v.reasons[k:lower()] = val end
  end
  if v.reasons.stake == 'burned' or v.reasons.ticket == 'burned' then
    v.class = 'burned'
  elseif v.reasons.stake == 'reused' or v.reasons.ticket == 'reused' then
    v.class = 'reused'
  elseif v.result == 'fail' then
    v.class = 'fail'
  elseif v.result == 'temperror' then
    v.class = 'temperror'
  elseif v.result == 'pass' then
    v.class = 'pass'
  else
    -- neutral, and anything this plugin does not know: no bonus.
    v.class = 'none'
  end
  return v
end

-- decades(value) for "1000000000000000wei": how many times the stake
-- symbol's score applies.
local function decades(value)
  if not value then return nil end
  local digits = value:match('^(%d+)wei$')
  if not digits then return nil end
  digits = digits:gsub('^0+', '')
  local n = #digits - settings.stake_unit_wei_digits + 1
  if n < 0 then n = 0 end
  if n > settings.stake_max_decades then n = settings.stake_max_decades end
  return n
end

local function work_steps(bits)
  local b = tonumber(bits)
  if not b or not tostring(bits):match('^%d+$') then return nil end
  local n = math.floor(b / settings.work_bits_step) - 1
  if n < 0 then n = 0 end
  if n > settings.work_max_steps then n = settings.work_max_steps end
  return n
end

local function org_domain(d)
  if not d or d == '' then return nil end
  return rspamd_util.get_tld(d:lower())
end

-- aligned tells whether the From: domain is authenticated: DMARC passed,
-- or (no DMARC record) DKIM or SPF passed for its organisational domain.
local function aligned(task)
  if task:has_symbol('DMARC_POLICY_ALLOW') then return true, 'dmarc' end
  if not task:has_symbol('DMARC_NA') then
    -- DMARC failed (reject, quarantine, softfail), could not be checked,
    -- or the dmarc module does not run here: not aligned.
    return false, 'dmarc'
  end
  local from = task:get_from(2)
  local fdom = org_domain(((from or {})[1] or {}).domain)
  if not fdom then return false, 'no-from' end
  for _, r in ipairs(task:get_dkim_results() or {}) do
    if r.result == 'allow' and org_domain(r.domain) == fdom then return true, 'dkim' end
  end
  if task:has_symbol('R_SPF_ALLOW') then
    local env = task:get_from(1)
    local edom = ((env or {})[1] or {}).domain
    if not edom or edom == '' then edom = task:get_helo() end
    if org_domain(edom) == fdom then return true, 'spf' end
  end
  return false, 'none'
end

local function postage_cb(task)
  local hdrs = task:get_header_full(settings.header)
  local sym = settings.symbols
  if not hdrs or #hdrs == 0 then
    -- No verdict at all: postage did not see this message.
    return
  end
  local verdicts = {}
  for _, h in ipairs(hdrs) do
    local value = (h.decoded or h.value or ''):gsub('[\r\n]+', ' ')
    for part in value:gmatch('[^;]+') do
      local v = parse_verdict(part)
      if v then verdicts[#verdicts + 1] = v end
    end
  end
  if #verdicts == 0 then
    task:insert_result(sym.none, 1.0, 'empty')
    return
  end
  local worst = verdicts[1]
  for _, v in ipairs(verdicts) do
    if rank[v.class] < rank[worst.class] then worst = v end
  end
  local trusted = #hdrs == 1
  if not trusted then
    task:insert_result(sym.multiple, 1.0, tostring(#hdrs))
  end
  if worst.class ~= 'pass' then
    local opt = worst.reasons.stake and ('stake=' .. worst.reasons.stake)
        or worst.reasons.work and ('work=' .. worst.reasons.work)
        or worst.reasons.ticket and ('ticket=' .. worst.reasons.ticket)
        or worst.result
    task:insert_result(sym[worst.class], 1.0, opt)
    return
  end
  -- Every recipient passed: each kind counts at the least any recipient has.
  local stake_n, work_n, ticket_n
  local stake_opt, work_opt, ticket_opt
  local has_stake, has_work, has_ticket = true, true, true
  for _, v in ipairs(verdicts) do
    local r = v.reasons
    local n = r.stake == 'pass' and (decades(r['stake.value']) or 0) or nil
    if n == nil then
      has_stake = false
    elseif stake_n == nil or n < stake_n then
      stake_n, stake_opt = n, r['stake.value']
    end
    n = work_steps(r.work)
    if n == nil then
      has_work = false
    elseif work_n == nil or n < work_n then
      work_n, work_opt = n, r.work .. 'bits'
    end
    n = r.ticket == 'pass' and (decades(r['ticket.value']) or 1) or nil
    if n == nil then
      has_ticket = false
    elseif ticket_n == nil or n < ticket_n then
      ticket_n, ticket_opt = n, r['ticket.value'] or 'ticket'
    end
  end
  local earned = {}
  -- A stake worth less than 1e13 wei, or fewer than 20 bits, earns nothing.
  if has_stake and stake_n == 0 then has_stake = false end
  if has_work and work_n == 0 then has_work = false end
  if has_ticket and ticket_n == 0 then has_ticket = false end
  if has_stake then earned[#earned + 1] = { sym.stake, stake_n, stake_opt or 'stake' } end
  if has_ticket then earned[#earned + 1] = { sym.ticket, ticket_n, ticket_opt } end
  if has_work then earned[#earned + 1] = { sym.work, work_n, work_opt } end
  if #earned == 0 then
    -- A pass for another reason (the receiver's allowlist): postage
    -- vouches for nothing the filter does not know.
    return
  end
  local ok, how = true, 'not-required'
  if settings.require_alignment then ok, how = aligned(task) end
  if not trusted or not ok then
    local what = {}
    for _, e in ipairs(earned) do what[#what + 1] = e[1] end
    task:insert_result(sym.unaligned, 1.0, trusted and how or 'multiple', table.concat(what, ','))
    return
  end
  for _, e in ipairs(earned) do
    task:insert_result(e[1], e[2], e[3])
  end
end

local opts = rspamd_config:get_all_opt(N)
if not opts then
  rspamd_logger.infox(rspamd_config, 'module %s has no configuration section; disabled', N)
  return
end
for k, v in pairs(opts) do
  if k == 'symbols' or k == 'scores' then
    for kk, vv in pairs(v) do settings[k][kk] = vv end
  else
    settings[k] = v
  end
end

local id = rspamd_config:register_symbol({
  name = 'POSTAGE_CHECK',
  type = 'callback',
  callback = postage_cb,
  group = 'postage',
})
for kind, name in pairs(settings.symbols) do
  rspamd_config:register_symbol({
    name = name,
    parent = id,
    type = 'virtual',
    score = settings.scores[kind],
    group = 'postage',
    description = descriptions[kind],
    one_shot = true,
  })
end
-- Alignment is known once DMARC (which waits for SPF and DKIM) is done.
rspamd_config:register_dependency('POSTAGE_CHECK', 'DMARC_CHECK')
