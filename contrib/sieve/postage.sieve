# postage: file mail by its Postage-Result verdict (Dovecot Pigeonhole).
#
# Install as the user's script or a sieve_before script (docs/spam-filters.md):
#   fail (bad postage: spent, withdrawn, forged, too small...)  -> Junk
#     a burned leaf also gets the keyword $PostageBurned,
#     a reused leaf (it already backed another message) $PostageReused
#   temperror (could not be checked now)  -> INBOX, keyword $PostageTemperror
#   neutral (no postage: legacy mail, most mail for years) -> INBOX
#   pass -> INBOX, keyword $PostagePass
#
# neutral is never filed into Junk: most senders have no postage yet.
# Filing into Junk here burns nothing: only a user's own move to Junk does
# (the IMAPSieve script of docs/punish.md runs on COPY and APPEND).
#
# One message may carry a verdict per recipient ("pass rcpt=a@x work=20;
# neutral rcpt=b@x"): the script takes the envelope recipient's (among the
# first 10), else the only verdict when the field has one. The recipient is
# compared with envelope :is, never used as a pattern.
require ["envelope", "fileinto", "regex", "variables", "imap4flags"];

set "result" "";
set "reasons" "";
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){0})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){1})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){2})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){3})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){4})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){5})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){6})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){7})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){8})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^(([^;]*;){9})[[:space:]]*([a-z]+) rcpt=([^ ;]+)([^;]*)" {
    set :lower "r" "${3}"; set "a" "${4}"; set "why" "${5}";
    if envelope :is "to" "${a}" { set "result" "${r}"; set "reasons" "${why}"; }
  }
}
# A single verdict, whoever it names (a delivery filter's --rcpt).
if string :is "${result}" "" {
  if header :regex "Postage-Result" "^[[:space:]]*([a-z]+)(( [^;]*)?)$" {
    set :lower "result" "${1}";
    set "reasons" "${2}";
  }
}

if string :is "${result}" "fail" {
  if string :regex "${reasons}" " (stake|ticket)=burned( |$)" {
    addflag "$PostageBurned";
  } elsif string :regex "${reasons}" " (stake|ticket)=reused( |$)" {
    addflag "$PostageReused";
  }
  fileinto "Junk";
  stop;
}
if string :is "${result}" "temperror" {
  addflag "$PostageTemperror";
} elsif string :is "${result}" "pass" {
  addflag "$PostagePass";
}
keep;
