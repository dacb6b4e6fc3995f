# Request handler of the automation-server stand-in (automation-server-stand-in.sh), sourced by
# http-server.sh once per connection. The automation server's behaviour is not modelled (see
# automation-server-stand-in.sh): every request gets this 501 stand-in answer.
handle() {
  respond '501 Not Implemented' application/json \
    '{"standin":"harness stand-in answer: the automation server (openhands-automation) is not modelled; only its listener on 0.0.0.0 is"}'
}
