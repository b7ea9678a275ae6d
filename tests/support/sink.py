"""The tests' SMTP server handler: a Maildir like aiosmtpd's own, which
answers as a real server would for a few scripted addresses:

- a local part starting with ``bounce`` is refused for good (550);
- one starting with ``tempfail`` is refused once for now (451), then accepted;
- after a message to one starting with ``hangup``, the server closes the
  connection, as servers do with connections left idle.
"""

import asyncio

from aiosmtpd.handlers import Mailbox


class ScriptedMailbox(Mailbox):
    def __init__(self, mail_dir, message_class=None):
        super().__init__(mail_dir, message_class)
        self.deferred = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("bounce"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if local.startswith("tempfail") and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        if any(rcpt.split("@", 1)[0].lower().startswith("hangup") for rcpt in envelope.rcpt_tos):
            asyncio.get_running_loop().call_later(0.1, server.transport.close)
        return answer
