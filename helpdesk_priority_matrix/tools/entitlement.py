"""Who covers a ticket: the candidates of the entitlement chain and the
choice between them.

Each module that can serve a ticket (the service policy, a support plan, a
prepaid wallet) proposes a :class:`Candidate`. They are tried in the order
of their ``sequence``, which is a business rule (a plan answers before a
wallet, a wallet before the free service policy), not the order in which
the modules happen to load. A candidate that consumes something (a wallet
debit, a plan quota) is *claimed* by its module, which may refuse once it
has locked its row and found nothing left; the next candidate is tried.
"""

from dataclasses import dataclass

SEQUENCE_PLAN = 10
SEQUENCE_WALLET = 20
SEQUENCE_POLICY = 100


@dataclass(frozen=True)
class Candidate:
    """One possible answer to "who covers this ticket?".

    ``covers=False`` is not an answer but a reason: the source would cover
    the ticket, were it not for what ``message`` says (an empty wallet, a
    category the plan excludes). Reasons are never claimed; their messages
    tell the client why the ticket is uncovered. ``refusal``, what the
    client is told when the claim is refused, may be a function that
    returns it: it is then only worked out when a claim is refused.
    """

    source: str
    sequence: int
    sla_policy: object = None
    message: str = ""
    covers: bool = True
    consumes: bool = False
    reference: object = None
    refusal: object = ""

    @property
    def reason(self):
        """What the client is told when this candidate did not cover."""
        if not self.covers:
            return self.message
        refusal = self.refusal() if callable(self.refusal) else self.refusal
        return refusal or self.message


def choose(candidates, claim):
    """The first covering candidate, by sequence, that ``claim`` accepts.

    Returns ``(chosen, reasons)``: ``chosen`` is None when nothing covers,
    ``reasons`` lists the refusals met on the way (the candidates with
    ``covers=False`` and the claims that were refused), in sequence order.
    ``claim`` is called only for candidates that consume; the others cannot
    run out.
    """
    reasons = []
    for candidate in sorted(candidates, key=lambda c: c.sequence):
        if not candidate.covers:
            reasons.append(candidate)
        elif not candidate.consumes or claim(candidate):
            return candidate, reasons
        else:
            reasons.append(candidate)
    return None, reasons
